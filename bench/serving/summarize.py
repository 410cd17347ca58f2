"""Serving benchmark summary: reads the JSON lines run.sh wrote and prints, per target and concurrency, the
median over runs of requests/s, p50 and p99 (wrk's latency distribution), the ratios, and as its last line:
  serving: rps_ratio_c8=X p99_ratio_c8=X kestrel_share_c64=X rss_mb_3models=X
rps_ratio_c8 = Gyre /predict req/s / seed app req/s at concurrency 8; p99_ratio_c8 = Gyre /predict p99 / seed app
p99 at 8; kestrel_share_c64 = Gyre /predict req/s / bare Kestrel req/s at 64; rss_mb_3models = resident memory of
`gyre serve` with three models loaded. The seed app's number at each concurrency is the better (by req/s) of its
1- and 2-worker uvicorn runs. A wrk run with any non-2xx answer or socket error is left out of the medians;
a value with no clean run is NA. Nothing is ever estimated. Usage: summarize.py RESULTS.jsonl (stdlib only).
"""

import json
import statistics
import sys

TARGETS = [
    ("kestrel_bare", "bare Kestrel, constant JSON (c)"),
    ("seed_app_w1", "seed FastAPI app, uvicorn 1 worker (b)"),
    ("seed_app_w2", "seed FastAPI app, uvicorn 2 workers (b)"),
    ("gyre_predict", "gyre serve POST /predict/fraud (a)"),
    ("gyre_infer", "gyre serve POST /v2/models/fraud/infer (a)"),
]
GOALS = {"rps_ratio_c8": (">=", 100.0), "p99_ratio_c8": ("<=", 0.05), "kestrel_share_c64": (">=", 0.5)}
ERROR_FIELDS = ("non2xx", "connect_errors", "read_errors", "write_errors", "timeouts")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: summarize.py RESULTS.jsonl", file=sys.stderr)
        return 2
    records = []
    with open(argv[1], encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as error:
                    print(f"summarize.py: {argv[1]} line {number}: not JSON ({error.msg})", file=sys.stderr)
                    return 1

    for record in records:
        if record.get("kind") == "note":
            print(f"note: {record['text']}")
    for record in records:
        if record.get("kind") in ("sklearn_model", "gyre_model"):
            details = ", ".join(f"{k}={v}" for k, v in record.items() if k != "kind")
            print(f"{record['kind']}: {details}")

    wrk = [r for r in records if r.get("kind") == "wrk"]
    concurrencies = sorted({r["concurrency"] for r in wrk})
    cells = {}
    warnings = []
    for target, _ in TARGETS:
        for c in concurrencies:
            runs = [r for r in wrk if r["target"] == target and r["concurrency"] == c]
            if not runs:
                continue
            clean = [r for r in runs if all(r.get(f, 0) == 0 for f in ERROR_FIELDS)]
            for r in runs:
                if r not in clean:
                    errors = ", ".join(f"{f}={r[f]}" for f in ERROR_FIELDS if r.get(f, 0))
                    warnings.append(f"{target} c={c} run {r['run']}: {errors} (left out)")
            cells[target, c] = {
                "runs": len(runs),
                "clean": len(clean),
                "rps": median(clean, "rps"),
                "p50_ms": median(clean, "p50_ms"),
                "p99_ms": median(clean, "p99_ms"),
            }

    print()
    print(f"{'target':<44} {'conc':>4} {'runs':>5} {'req/s':>10} {'p50 ms':>9} {'p99 ms':>9}")
    for target, title in TARGETS:
        for c in concurrencies:
            cell = cells.get((target, c))
            if cell is None:
                continue
            runs = f"{cell['clean']}/{cell['runs']}" if cell["clean"] != cell["runs"] else str(cell["runs"])
            print(f"{title:<44} {c:>4} {runs:>5} {fmt(cell['rps'], 1):>10} "
                  f"{fmt(cell['p50_ms'], 3):>9} {fmt(cell['p99_ms'], 3):>9}")
    for warning in warnings:
        print(f"warning: {warning}")

    seed = {}
    for c in concurrencies:
        options = [(cells[t, c]["rps"], t) for t in ("seed_app_w1", "seed_app_w2")
                   if (t, c) in cells and cells[t, c]["rps"] is not None]
        if options:
            best = max(options)[1]
            seed[c] = dict(cells[best, c], target=best)
    if seed:
        print("seed app, best of 1 and 2 uvicorn workers by req/s: "
              + ", ".join(f"c={c}: {seed[c]['target'][-2:]}" for c in sorted(seed)))

    def value(target, c, field):
        if target == "seed":
            return seed.get(c, {}).get(field)
        return cells.get((target, c), {}).get(field)

    print()
    for gyre_target in ("gyre_predict", "gyre_infer"):
        for c in concurrencies:
            print(f"{gyre_target} c={c}: req/s vs seed app {fmt(ratio(value(gyre_target, c, 'rps'), value('seed', c, 'rps')), 1, 'x')}, "
                  f"p99 vs seed app {fmt(ratio(value(gyre_target, c, 'p99_ms'), value('seed', c, 'p99_ms')), 4)}, "
                  f"share of bare Kestrel req/s {fmt(ratio(value(gyre_target, c, 'rps'), value('kestrel_bare', c, 'rps')), 3)}")

    rss = {}
    for record in records:
        if record.get("kind") == "rss":
            rss.setdefault(record["target"], []).append(record["rss_mb"])
    if rss:
        print("resident memory after the load (MB, median of runs): "
              + ", ".join(f"{t}={statistics.median(v):.1f}" for t, v in sorted(rss.items())))

    summary = {
        "rps_ratio_c8": ratio(value("gyre_predict", 8, "rps"), value("seed", 8, "rps")),
        "p99_ratio_c8": ratio(value("gyre_predict", 8, "p99_ms"), value("seed", 8, "p99_ms")),
        "kestrel_share_c64": ratio(value("gyre_predict", 64, "rps"), value("kestrel_bare", 64, "rps")),
        "rss_mb_3models": statistics.median(rss["gyre_3models"]) if "gyre_3models" in rss else None,
    }
    goals = []
    for name, (op, goal) in GOALS.items():
        got = summary[name]
        verdict = "NA" if got is None else ("met" if (got >= goal if op == ">=" else got <= goal) else "NOT met")
        goals.append(f"{name} {op} {goal:g}: {verdict}")
    print("goals: " + "; ".join(goals))
    digits = {"rps_ratio_c8": 1, "p99_ratio_c8": 4, "kestrel_share_c64": 3, "rss_mb_3models": 1}
    print("serving: " + " ".join(f"{k}={fmt(v, digits[k])}" for k, v in summary.items()))
    return 0


def median(runs: list[dict], field: str):
    return statistics.median(r[field] for r in runs) if runs else None


def ratio(numerator, denominator):
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def fmt(number, digits: int, unit: str = "") -> str:
    return "NA" if number is None else f"{number:.{digits}f}{unit}"


if __name__ == "__main__":
    sys.exit(main(sys.argv))
