"""Aggregation for the Gyre training benchmark (run by run.sh with /usr/bin/python3).

  summarize.py gyre-record --dataset D --tool T --seed N --input FILE
      Reads the JSON document printed by `gyre train --json` and prints one normalized result line
      {"dataset", "tool", "seed", "fit_seconds", "roc_auc", "pr_auc", "run_id", "wall_seconds"?}.
  summarize.py check-scores --gyre-json FILE --predictions FILE --label COL --positive VALUE
      Recomputes ROC AUC and PR AUC with scikit-learn from `gyre predict` output (column
      `probability`) and fails when they differ from what `gyre train` reported by more than 1e-6.
  summarize.py report --results FILE [--summary-dataset fraud]
      Reads normalized result lines (peers.py output and gyre-record output), prints a table per
      dataset with MEDIANS over repeats, the ratios and the goal check, and as its last line
      `training: auc_gyre=X auc_hgb=X auc_rf=X auc_gap_vs_hgb=X fit_ratio_vs_rf=X` for the summary
      dataset. "Gyre" is Gyre's best default trainer: of gyre_lightgbm and gyre_fasttree, the one with
      the higher median ROC AUC on that dataset.
"""

import argparse
import json
import statistics
import sys

GYRE_TRAINERS = ("gyre_lightgbm", "gyre_fasttree")
TOOL_ORDER = ("gyre_lightgbm", "gyre_fasttree", "rf", "rf_all", "hgb")
TOOL_LABELS = {
    "gyre_lightgbm": "gyre lightgbm",
    "gyre_fasttree": "gyre fasttree",
    "rf": "sklearn RF seed recipe (n_jobs=None)",
    "rf_all": "sklearn RF seed recipe (n_jobs=-1)",
    "hgb": "sklearn HistGradientBoosting",
}
GOAL_AUC_TOLERANCE = 0.002   # Gyre ROC AUC >= HGB ROC AUC - 0.002
GOAL_FIT_RATIO = 1.0 / 3.0   # Gyre fit time <= 1/3 of the seed RF fit time


def fail(message: str) -> None:
    print(f"summarize.py: {message}", file=sys.stderr)
    sys.exit(1)


def gyre_record(args) -> int:
    with open(args.input, encoding="utf-8") as handle:
        text = handle.read()
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        start = text.find("{")  # tolerate stray lines before the document
        try:
            document = json.loads(text[start:]) if start >= 0 else None
        except json.JSONDecodeError:
            document = None
    if not isinstance(document, dict):
        fail(f"{args.input}: `gyre train --json` did not print a JSON object; stdout was:\n{text[:2000]}")
    metrics = document.get("metrics") or {}
    missing = [k for k in ("roc_auc", "pr_auc") if not isinstance(metrics.get(k), (int, float))]
    if not isinstance(document.get("fit_seconds"), (int, float)):
        missing.append("fit_seconds")
    if missing:
        fail(f"{args.input}: gyre output lacks {', '.join(missing)}; got keys {sorted(document)} "
             f"and metrics {sorted(metrics)}")
    record = {
        "dataset": args.dataset, "tool": args.tool, "seed": args.seed,
        "fit_seconds": float(document["fit_seconds"]),
        "roc_auc": float(metrics["roc_auc"]), "pr_auc": float(metrics["pr_auc"]),
        "run_id": document.get("run_id"),
    }
    if args.wall_seconds is not None:
        record["wall_seconds"] = args.wall_seconds
    print(json.dumps(record))
    return 0


def check_scores(args) -> int:
    import pandas as pd  # only this command needs pandas and scikit-learn
    from sklearn.metrics import average_precision_score, roc_auc_score

    with open(args.gyre_json, encoding="utf-8") as handle:
        reported = json.load(handle)["metrics"]
    predictions = pd.read_csv(args.predictions)
    for column in (args.label, "probability"):
        if column not in predictions.columns:
            fail(f"{args.predictions}: no column '{column}' (columns: {', '.join(predictions.columns)})")
    y = (predictions[args.label].astype(str) == args.positive).astype(int)
    recomputed = {"roc_auc": roc_auc_score(y, predictions["probability"]),
                  "pr_auc": average_precision_score(y, predictions["probability"])}
    for key, value in recomputed.items():
        if abs(value - reported[key]) > 1e-6:
            fail(f"{args.gyre_json}: gyre reported {key}={reported[key]:.6f} but scikit-learn computes "
                 f"{value:.6f} from its predictions in {args.predictions}")
    print(f"gyre metrics confirmed by scikit-learn: roc_auc={recomputed['roc_auc']:.6f} pr_auc={recomputed['pr_auc']:.6f}")
    return 0


def load(path: str) -> dict:
    """Returns {dataset: {tool: [records]}} in file order."""
    grouped: dict = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                fail(f"{path}:{number}: not JSON ({error})")
            grouped.setdefault(record["dataset"], {}).setdefault(record["tool"], []).append(record)
    return grouped


def medians(records: list) -> dict:
    return {key: statistics.median(r[key] for r in records) for key in ("fit_seconds", "roc_auc", "pr_auc")} | {
        "n": len(records),
        "fit_min": min(r["fit_seconds"] for r in records),
        "fit_max": max(r["fit_seconds"] for r in records),
        "auc_min": min(r["roc_auc"] for r in records),
        "auc_max": max(r["roc_auc"] for r in records),
    }


def best_gyre(tools: dict):
    present = [t for t in GYRE_TRAINERS if t in tools]
    if not present:
        return None
    return max(present, key=lambda t: tools[t]["roc_auc"])  # ties: lightgbm (listed first)


def report_dataset(name: str, tools: dict) -> dict:
    print(f"\n== {name} ==  (medians over repeats; fit = wall time of fit only)")
    header = f"{'tool':<40} {'fit s':>9} {'fit range':>17} {'ROC AUC':>8} {'AUC range':>15} {'PR AUC':>8} {'n':>3}"
    print(header)
    print("-" * len(header))
    best = best_gyre(tools)
    for tool in [t for t in TOOL_ORDER if t in tools] + sorted(t for t in tools if t not in TOOL_ORDER):
        m = tools[tool]
        label = TOOL_LABELS.get(tool, tool) + ("  <- best gyre" if tool == best else "")
        print(f"{label:<40} {m['fit_seconds']:>9.3f} {m['fit_min']:>8.3f}-{m['fit_max']:<8.3f} "
              f"{m['roc_auc']:>8.4f} {m['auc_min']:>7.4f}-{m['auc_max']:<7.4f} {m['pr_auc']:>8.4f} {m['n']:>3}")

    result = {"best": best}
    if best is None:
        print("(no gyre results)")
        return result
    g = tools[best]
    lines = []
    if "rf" in tools:
        result["fit_ratio_vs_rf"] = g["fit_seconds"] / tools["rf"]["fit_seconds"]
        lines.append(f"Gyre fit / RF fit (seed, n_jobs=None) = {result['fit_ratio_vs_rf']:.3f}")
    if "rf_all" in tools:
        lines.append(f"Gyre fit / RF fit (n_jobs=-1)         = {g['fit_seconds'] / tools['rf_all']['fit_seconds']:.3f}")
    if "hgb" in tools:
        result["fit_ratio_vs_hgb"] = g["fit_seconds"] / tools["hgb"]["fit_seconds"]
        result["auc_gap_vs_hgb"] = g["roc_auc"] - tools["hgb"]["roc_auc"]
        lines.append(f"Gyre fit / HGB fit                    = {result['fit_ratio_vs_hgb']:.3f}")
        lines.append(f"ROC AUC gap Gyre - HGB                = {result['auc_gap_vs_hgb']:+.4f}")
        lines.append(f"PR AUC gap Gyre - HGB                 = {g['pr_auc'] - tools['hgb']['pr_auc']:+.4f}")
    if "rf" in tools:
        lines.append(f"ROC AUC gap Gyre - RF                 = {g['roc_auc'] - tools['rf']['roc_auc']:+.4f}")
    print(f"Gyre = {best} (higher median ROC AUC of {', '.join(t for t in GYRE_TRAINERS if t in tools)})")
    for line in lines:
        print("  " + line)
    if "auc_gap_vs_hgb" in result and "fit_ratio_vs_rf" in result:
        auc_ok = result["auc_gap_vs_hgb"] >= -GOAL_AUC_TOLERANCE
        fit_ok = result["fit_ratio_vs_rf"] <= GOAL_FIT_RATIO
        print(f"  goal: ROC AUC >= HGB - {GOAL_AUC_TOLERANCE}: {'met' if auc_ok else 'NOT met'}; "
              f"fit <= 1/3 of seed RF: {'met' if fit_ok else 'NOT met'}")
    return result


def report(args) -> int:
    grouped = load(args.results)
    if not grouped:
        fail(f"{args.results}: no results")
    summaries = {}
    for dataset, tools in grouped.items():
        summaries[dataset] = report_dataset(dataset, {t: medians(r) for t, r in tools.items()})

    tools = grouped.get(args.summary_dataset)
    if tools is None:
        fail(f"no results for the summary dataset '{args.summary_dataset}'")
    m = {t: medians(r) for t, r in tools.items()}
    best = summaries[args.summary_dataset].get("best")
    missing = [name for name, ok in (("gyre", best), ("hgb", "hgb" in m), ("rf", "rf" in m)) if not ok]
    if missing:
        fail(f"summary dataset '{args.summary_dataset}' lacks results for {', '.join(missing)}")
    print()
    print(f"training: auc_gyre={m[best]['roc_auc']:.4f} auc_hgb={m['hgb']['roc_auc']:.4f} "
          f"auc_rf={m['rf']['roc_auc']:.4f} auc_gap_vs_hgb={m[best]['roc_auc'] - m['hgb']['roc_auc']:.4f} "
          f"fit_ratio_vs_rf={m[best]['fit_seconds'] / m['rf']['fit_seconds']:.3f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    record = commands.add_parser("gyre-record")
    record.add_argument("--dataset", required=True)
    record.add_argument("--tool", required=True)
    record.add_argument("--seed", type=int, required=True)
    record.add_argument("--input", required=True, help="file holding gyre's stdout")
    record.add_argument("--wall-seconds", type=float, help="wall time of the whole gyre process")
    check = commands.add_parser("check-scores")
    check.add_argument("--gyre-json", required=True)
    check.add_argument("--predictions", required=True)
    check.add_argument("--label", required=True)
    check.add_argument("--positive", required=True)
    summary = commands.add_parser("report")
    summary.add_argument("--results", required=True)
    summary.add_argument("--summary-dataset", default="fraud")
    args = parser.parse_args()
    commands_by_name = {"gyre-record": gyre_record, "check-scores": check_scores, "report": report}
    return commands_by_name[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
