"""Tuning benchmark summary: reads the JSON files run.sh wrote (Optuna side, Gyre side, adult) and prints, per
function, each sampler's median best value after 25/50/100 trials and median overhead per trial at 100 and at the
long run's trial count, the adult result, and as its last line:
  tuning: best_le_optuna=K/3 overhead_ratio_100=X overhead_ratio_1000=X adult_gain_auc=X
best_le_optuna = goal functions (branin, hartmann6, rosenbrock10) where Gyre TPE's median best after 100 trials <=
Optuna TPE's (minimisation), over 3, or NA when none of them ran; overhead_ratio_N = Gyre TPE's median overhead per
trial / Optuna TPE's, computed per goal function and reported as the largest of them (the goal, <= 0.1, must hold on
every function); adult_gain_auc = tuned - default test AUC.
Extra functions (any other, e.g. ackley5, rastrigin5, styblinski5, hartmann6_noisy) are printed in the table and the
per-function comparisons, marked "(extra, not in the goal)", and count in none of the summary's figures.
Beside each median comparison it prints how many seeds each side has and a two-sided Mann-Whitney U p-value of Gyre
TPE's best@100 values against Optuna TPE's (normal approximation with tie and continuity corrections, as scipy's
mannwhitneyu for samples over 8): with 10 seeds a median comparison is noisy, and SEEDS=100 tells a real difference
from chance.
"Gyre TPE" in the summary is the configuration the Gyre side names as recommended (its "recommended" field).
Usage: compare.py OPTUNA.json GYRE.json [ADULT.json] [--json SUMMARY.json] (stdlib only).
"""

import json
import math
import statistics
import sys

CHECKPOINTS = ("25", "50", "100")
GOAL_FUNCTIONS = ("branin", "hartmann6", "rosenbrock10")
EXTRA_MARK = "(extra, not in the goal)"
NOTES = {  # how to read an extra function's best values
    "hartmann6_noisy": "samplers see f + N(0, 0.3^2); best = true f of the trial with the lowest observed value",
}


def load(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def median(values: list):
    values = [v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    return statistics.median(values) if values else None


def fmt(value, digits: int = 4) -> str:
    if value is None:
        return "NA"
    if value != 0 and (abs(value) >= 1e4 or abs(value) < 1e-3):
        return f"{value:.{digits - 1}e}"
    return f"{value:.{digits}g}"


def mann_whitney_p(a: list, b: list):
    """Two-sided p of the Mann-Whitney U test (asymptotic, tie-corrected, continuity-corrected), or None."""
    n1, n2 = len(a), len(b)
    if n1 < 2 or n2 < 2:
        return None
    pooled = sorted((v, i < n1) for i, v in enumerate(a + b))
    ranks, ties, i = [0.0] * len(pooled), 0.0, 0
    while i < len(pooled):
        j = i
        while j + 1 < len(pooled) and pooled[j + 1][0] == pooled[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[k] = (i + j) / 2 + 1
        t = j - i + 1
        ties += t ** 3 - t
        i = j + 1
    r1 = sum(r for r, (_, first) in zip(ranks, pooled) if first)
    u = r1 - n1 * (n1 + 1) / 2
    n = n1 + n2
    sigma = math.sqrt(n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1))))
    if sigma == 0:
        return 1.0
    z = (abs(u - n1 * n2 / 2) - 0.5) / sigma
    return min(1.0, math.erfc(max(z, 0) / math.sqrt(2)))


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:]]
    summary_path = None
    if "--json" in args:
        i = args.index("--json")
        summary_path = args[i + 1]
        del args[i:i + 2]
    if len(args) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    optuna, gyre = load(args[0]), load(args[1])
    adult = load(args[2]) if len(args) == 3 else None
    headline = gyre.get("recommended", "tpe")

    # (tool, sampler) -> label, in display order
    series = [("gyre", headline, f"gyre {headline} (headline)")]
    series += [("gyre", s, f"gyre {s}") for s in ("tpe", "tpe_classic", "tpe_mv") if s != headline]
    series += [("gyre", "random", "gyre random"), ("optuna", "tpe", "optuna tpe"), ("optuna", "random", "optuna random")]
    runs = [dict(r, tool="optuna") for r in optuna["runs"]] + [dict(r, tool="gyre") for r in gyre["runs"] if r["kind"] != "warmup"]
    functions = list(dict.fromkeys(r["function"] for r in runs))
    long_trials = max((r["trials"] for r in runs if r["kind"] == "long"), default=None)

    def select(tool, sampler, function, kind):
        return [r for r in runs if r["tool"] == tool and r["sampler"] == sampler and r["function"] == function and r["kind"] == kind]

    print(f"Optuna {optuna.get('version')} (Python {optuna.get('python')}) vs Gyre; minimisation; medians over seeds.")
    table = {}
    for function in functions:
        short_n = max((r["trials"] for r in runs if r["function"] == function and r["kind"] == "short"), default=0)
        seeds = len(select("optuna", "tpe", function, "short"))
        print()
        extra = "" if function in GOAL_FUNCTIONS else f" {EXTRA_MARK}"
        note = f"; {NOTES[function]}" if function in NOTES else ""
        print(f"{function} ({seeds} seeds x {short_n} trials; long runs: {long_trials} trials{note}){extra}")
        print(f"  {'sampler':<22} {'best@25':>11} {'best@50':>11} {'best@100':>11} {'ovh ms/trial@100':>17} {'ovh ms/trial@' + str(long_trials):>18}")
        table[function] = {}
        for tool, sampler, label in series:
            short = select(tool, sampler, function, "short")
            if not short:
                continue
            long = select(tool, sampler, function, "long")
            row = {c: median([r["best"].get(c) for r in short]) for c in CHECKPOINTS}
            row["overhead_100"] = median([r["overhead_ms_per_trial"] for r in short])
            row["overhead_long"] = median([r["overhead_ms_per_trial"] for r in long])
            row["seeds"] = len(short)
            row["best_100_values"] = [r["best"].get("100") for r in short]
            table[function][f"{tool}_{sampler}"] = row
            print(f"  {label:<22} {fmt(row['25']):>11} {fmt(row['50']):>11} {fmt(row['100']):>11} "
                  f"{fmt(row['overhead_100'], 3):>17} {fmt(row['overhead_long'], 3):>18}")

    # --- the goals -------------------------------------------------------------------------------------------------
    print()
    best_le, compared, ratios_100, ratios_long = 0, 0, [], []
    for function in functions:
        g = table[function].get(f"gyre_{headline}")
        o = table[function].get("optuna_tpe")
        goal = function in GOAL_FUNCTIONS
        extra = "" if goal else f" {EXTRA_MARK}"
        if g is None or o is None:
            print(f"  {function}: no Gyre {headline} or Optuna TPE runs; not compared{extra}")
            continue
        le = g["100"] is not None and o["100"] is not None and g["100"] <= o["100"]
        r100, rlong = ratio(g["overhead_100"], o["overhead_100"]), ratio(g["overhead_long"], o["overhead_long"])
        if goal:
            compared += 1
            best_le += le
            ratios_100.append(r100)
            ratios_long.append(rlong)
        p = mann_whitney_p(g["best_100_values"], o["best_100_values"])
        print(f"  {function}: gyre {headline} best@100 {fmt(g['100'])} {'<=' if le else '>'} optuna tpe {fmt(o['100'])} "
              f"({g['seeds']} / {o['seeds']} seeds, Mann-Whitney p {fmt(p, 2)}); "
              f"overhead ratio @100 {fmt(r100, 3)}, @{long_trials} {fmt(rlong, 3)}{extra}")
    worst_100 = max((r for r in ratios_100 if r is not None), default=None)
    worst_long = max((r for r in ratios_long if r is not None), default=None)
    gain = adult.get("gain_auc") if adult else None
    if adult:
        print()
        print(f"adult / LightGBM: {adult['trials']} trials of gyre {adult['sampler']} (inner holdout AUC, best "
              f"{fmt(adult['best_inner_auc'], 5)} at trial {adult['best_trial']}, {adult['tuning_s']} s); test split "
              f"{adult['test_rows']} rows: default AUC {fmt(adult['default_test_auc'], 5)}, tuned AUC "
              f"{fmt(adult['tuned_test_auc'], 5)}, gain {gain:+.5f}"
              + (f" (paired bootstrap 95% interval {adult['gain_auc_ci95'][0]:+.5f} .. {adult['gain_auc_ci95'][1]:+.5f})" if adult.get('gain_auc_ci95') else ""))
        print(f"  best hyperparameters: {adult['best_hyperparameters']}")
    print()
    goals = []
    if compared:
        goals.append(f"best <= Optuna on all functions: {'yes' if best_le == compared == 3 else 'no'} ({best_le}/{compared})")
    if worst_100 is not None:
        goals.append(f"overhead <= 1/10 at 100: {'yes' if worst_100 <= 0.1 else 'no'}")
    if worst_long is not None:
        goals.append(f"at {long_trials}: {'yes' if worst_long <= 0.1 else 'no'}")
    if goals:
        print("goals: " + "; ".join(goals))

    summary = {
        "best_le_optuna": f"{best_le}/{len(GOAL_FUNCTIONS)}" if compared else "NA",
        "overhead_ratio_100": worst_100,
        "overhead_ratio_1000": worst_long,
        "adult_gain_auc": gain,
        "headline_sampler": headline,
        "long_trials": long_trials,
        "extra_functions": [f for f in functions if f not in GOAL_FUNCTIONS],
        "table": table,
    }
    if summary_path:
        with open(summary_path, "w", encoding="utf-8") as f:
            json.dump(summary, f, indent=1)
    ratio_fmt = lambda r: "NA" if r is None else f"{r:.4f}"
    print(f"tuning: best_le_optuna={summary['best_le_optuna']} overhead_ratio_100={ratio_fmt(worst_100)} "
          f"overhead_ratio_1000={ratio_fmt(worst_long)} adult_gain_auc={'NA' if gain is None else f'{gain:.4f}'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
