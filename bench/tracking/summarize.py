"""Prints the tracking benchmark's table (medians over repeats) and its one-line summary, from results.jsonl."""
import json
import statistics
import sys


def main(path):
    rows = [json.loads(line) for line in open(path) if line.strip()]

    def median(kind, backend, field):
        values = [r[field] for r in rows if r["benchmark"] == kind and r["backend"] == backend]
        return statistics.median(values) if values else float("nan")

    print(f"{'backend':10} {'gyre pts/s':>12} {'raw pts/s':>12} {'share':>7} {'search p50':>11} {'search p95':>11} {'history':>9}")
    for backend in ("sqlite", "postgres"):
        print(f"{backend:10} {median('ingest', backend, 'gyre_points_per_s'):12.0f} {median('ingest', backend, 'raw_points_per_s'):12.0f}"
              f" {median('ingest', backend, 'share'):7.3f} {median('search', backend, 'p50_ms'):9.1f}ms"
              f" {median('search', backend, 'p95_ms'):9.1f}ms {median('history', backend, 'median_ms'):7.1f}ms")
    print("tracking: "
          f"ingest_share_sqlite={median('ingest', 'sqlite', 'share'):.3f} "
          f"ingest_share_postgres={median('ingest', 'postgres', 'share'):.3f} "
          f"search_p95_ms={max(median('search', b, 'p95_ms') for b in ('sqlite', 'postgres')):.1f} "
          f"history_100k_ms={max(median('history', b, 'median_ms') for b in ('sqlite', 'postgres')):.1f}")


if __name__ == "__main__":
    main(sys.argv[1])
