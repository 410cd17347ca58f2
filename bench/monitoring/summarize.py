"""Monitoring benchmark summary: reads the JSON lines run.sh wrote and prints, per size, the median over runs of
each tool's median detection time, the per-column p-values and verdicts of both tools, peak memory, the time to
merge 24 hourly profiles, where Gyre's time goes, and as its last line:
  monitoring: speedup_1m=X speedup_100k=X verdicts_match=true|false max_rel_p_diff=X peak_mb_1m=X
speedup = scipy median / Gyre median (Gyre with all cores, as DatasetDriftDetector runs by default);
verdicts_match = the same drift verdict on every column at both sizes (KS: p <= 0.05, chi-square: p < 0.05);
max_rel_p_diff = max over columns and sizes of |p_g - p_s| / max(p_g, p_s), 0 when both are 0; peak_mb_1m =
Gyre's peak resident memory (VmHWM) at 1M rows, in a process that only loads the data and detects once.
Usage: summarize.py RESULTS.jsonl (stdlib only).
"""

import json
import statistics
import sys

THRESHOLD = 0.05
SIZES = [(1000000, "1m"), (100000, "100k")]


def scipy_verdict(column: dict) -> bool:
    p = column["p_value"]
    return p <= THRESHOLD if column["method"] == "ks" else p < THRESHOLD


def rel_diff(a: float, b: float) -> float:
    top = max(abs(a), abs(b))
    return 0.0 if top == 0 else abs(a - b) / top


def median_of(records: list, field: str):
    values = [r[field] for r in records if r.get(field) is not None]
    return statistics.median(values) if values else None


def fmt(value, digits: int = 1) -> str:
    return "NA" if value is None else f"{value:.{digits}f}"


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

    def pick(kind: str, variant: str, rows=None) -> list:
        return [r for r in records if r.get("kind") == kind and r.get("variant") == variant
                and (rows is None or r.get("rows") == rows)]

    runs = max((r.get("run", 0) for r in records), default=0)
    scipy_version = next((f"scipy {r['scipy']}, numpy {r['numpy']}, python {r['python']}"
                          for r in records if r.get("variant") == "scipy"), "scipy: no run")
    print(f"monitoring benchmark: {runs} run(s); {scipy_version}")

    summary = {}
    all_match = True
    max_rel = 0.0
    worst = None
    warnings = []
    for rows, label in SIZES:
        gyre = pick("detect", "gyre", rows)
        one_core = pick("detect", "gyre_1core", rows)
        scipy = pick("detect", "scipy", rows)
        g_ms, s_ms, g1_ms = median_of(gyre, "median_ms"), median_of(scipy, "median_ms"), median_of(one_core, "median_ms")
        summary[label] = {"gyre": g_ms, "scipy": s_ms, "gyre_1core": g1_ms,
                          "speedup": s_ms / g_ms if g_ms and s_ms else None,
                          "speedup_1core": s_ms / g1_ms if g1_ms and s_ms else None}
        print()
        print(f"== {rows:,} vs {rows:,} rows, 20 columns: median over {len(gyre)} / {len(scipy)} runs of each run's median")
        print(f"  gyre DatasetDriftDetector.Detect  {fmt(g_ms, 1):>9} ms   (runs: {', '.join(fmt(r['median_ms']) for r in gyre)}; "
              f"first call {fmt(median_of(gyre, 'warmup_ms'))} ms)")
        print(f"  gyre on one core (taskset -c 0)   {fmt(g1_ms, 1):>9} ms   (runs: {', '.join(fmt(r['median_ms']) for r in one_core)})")
        print(f"  scipy ks_2samp + chisquare        {fmt(s_ms, 1):>9} ms   (runs: {', '.join(fmt(r['median_ms']) for r in scipy)})")
        print(f"  speedup (scipy / gyre): {fmt(summary[label]['speedup'], 2)}x; with gyre on one core: "
              f"{fmt(summary[label]['speedup_1core'], 2)}x")
        if not gyre or not scipy:
            all_match = False
            warnings.append(f"{rows} rows: a tool has no result")
            continue
        # The p-values are deterministic: they must not change from run to run.
        for tool, group in (("gyre", gyre), ("scipy", scipy)):
            first = [c["p_value"] for c in group[0]["columns"]]
            if any([c["p_value"] for c in r["columns"]] != first for r in group[1:]):
                warnings.append(f"{rows} rows: {tool}'s p-values differ between runs")
        by_name = {c["name"]: c for c in scipy[0]["columns"]}
        print(f"  {'column':<26} {'test':<9} {'p gyre':>24} {'p scipy':>24} {'rel diff':>9}  verdict g/s")
        for g in gyre[0]["columns"]:
            s = by_name.get(g["name"])
            if s is None or g["p_value"] is None:
                all_match = False
                warnings.append(f"{rows} rows: column {g['name']} has no result on one side")
                continue
            rule = g["p_value"] <= THRESHOLD if g["method"] == "ks" else g["p_value"] < THRESHOLD
            if rule != g["drifted"]:
                warnings.append(f"{rows} rows: gyre's verdict on {g['name']} disagrees with its own p-value")
            same = g["drifted"] == scipy_verdict(s)
            all_match &= same
            diff = rel_diff(g["p_value"], s["p_value"])
            if diff > max_rel or worst is None:
                max_rel, worst = max(max_rel, diff), (g["name"], label)
            print(f"  {g['name']:<26} {g['method']:<9} {g['p_value']:>24.17g} {s['p_value']:>24.17g} {diff:>9.1e}  "
                  f"{'drift' if g['drifted'] else 'ok'}/{'drift' if scipy_verdict(s) else 'ok'}{'' if same else '  MISMATCH'}")
        drifted = sum(c["drifted"] for c in gyre[0]["columns"])
        print(f"  drifted columns: {drifted} of {len(gyre[0]['columns'])}")

    print()
    print("== peak resident memory, MB (a fresh process per size that only loads the data and detects once)")
    for rows, label in SIZES:
        peak = pick("peak", "gyre", rows)
        scipy = pick("detect", "scipy", rows)
        summary[label]["peak"] = median_of(peak, "peak_mb")
        print(f"  {rows:>9,} rows: gyre {fmt(summary[label]['peak'])} (after loading {fmt(median_of(peak, 'peak_mb_after_load'))}; "
              f"Detect allocated {fmt(median_of(peak, 'detect_allocated_mb'))}); "
              f"scipy {fmt(median_of(scipy, 'peak_mb'))} (after loading {fmt(median_of(scipy, 'peak_mb_after_load'))}; "
              f"its process also ran the warm-up and {scipy[0]['repeats'] if scipy else '?'} timed passes)")

    merge = pick("merge", "gyre")
    merge_ms = median_of(merge, "median_ms")
    print()
    if merge:
        print(f"== merging 24 hourly profiles (DatasetSketch.MergeAll of 24 DatasetSketch.Build over the 1M current rows "
              f"in 24 row ranges): median {fmt(merge_ms, 2)} ms (runs: {', '.join(fmt(r['median_ms'], 2) for r in merge)}); "
              f"building the 24 profiles took {fmt(median_of(merge, 'build_ms_total'), 0)} ms in all; "
              f"merged profile JSON {merge[0]['profile_json_bytes']:,} bytes")

    profile = [r for r in records if r.get("kind") == "profile"]
    if profile:
        columns = profile[-1]["columns"]
        numeric = [c for c in columns if "sort_reference_ms" in c]
        categorical = [c for c in columns if "sort_reference_ms" not in c]
        total = sum(c["detect_ms"] for c in columns)
        sorts = sum(c["sort_reference_ms"] + c["sort_current_ms"] for c in numeric)
        stat = sum(c["statistic_ms"] for c in numeric)
        pval = sum(c["p_value_ms"] for c in numeric)
        cat = sum(c["detect_ms"] for c in categorical)
        print()
        print(f"== where Gyre's time goes at {profile[-1]['rows']:,} rows (one thread, per-column calls, medians of 3): "
              f"{total:.0f} ms in all")
        print(f"  FiniteValues.SortInto (into a reused buffer), 2 per numeric column: {sorts:.0f} ms ({100 * sorts / total:.0f}%)")
        print(f"  KS statistic on sorted arrays: {stat:.0f} ms; kstwo.sf p-values: {pval:.0f} ms "
              f"(largest: {max(numeric, key=lambda c: c['p_value_ms'])['name']} {max(c['p_value_ms'] for c in numeric):.0f} ms)")
        print(f"  categorical columns (tally + chi-square): {cat:.0f} ms ({100 * cat / total:.0f}%)")

    for warning in warnings:
        print(f"warning: {warning}")
    g1m = summary.get("1m", {})
    print()
    print(f"goal (issue 6): gyre >= 10x faster than scipy at 1M rows with the same verdicts and p-values: "
          f"speedup {fmt(g1m.get('speedup'), 2)}x, verdicts {'match' if all_match else 'DIFFER'}, "
          f"max relative p-value difference {max_rel:.2e}"
          f"{f' ({worst[0]} at {worst[1]})' if worst and max_rel > 0 else ''}: "
          f"{'met' if (g1m.get('speedup') or 0) >= 10 and all_match and max_rel <= 1e-9 else 'NOT met'}")
    print(f"merge_24_hourly_ms={fmt(merge_ms, 2)}")
    print(f"scipy_peak_mb_1m={fmt(median_of(pick('detect', 'scipy', 1000000), 'peak_mb'))}")
    print(f"monitoring: speedup_1m={fmt(g1m.get('speedup'), 2)} speedup_100k={fmt(summary.get('100k', {}).get('speedup'), 2)} "
          f"verdicts_match={'true' if all_match else 'false'} max_rel_p_diff={max_rel:.2e} peak_mb_1m={fmt(g1m.get('peak'))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
