"""Tuning benchmark, Optuna side (issue 7): Optuna 3.1's default TPE (TPESampler(seed=s)) and RandomSampler(seed=s)
on Branin (2-d), Hartmann6 (6-d) and Rosenbrock-10 (10-d), minimisation, in-memory storage, one worker.

Per run it records the best value after 25/50/100 trials (every checkpoint <= the trial count) and the sampler's
overhead per trial: (wall time of study.optimize - time spent evaluating the function) / trials, the function's time
being measured inside the objective with time.perf_counter around the function call only (trial.suggest_float is
where Optuna's independent TPE samples, so it is sampler time). Long runs (default 1000 trials) give the overhead at 1000 trials.
The functions and domains are the same as TuningBench/BenchFunctions.cs; see README.md. --functions defaults to the
three goal functions; the extras (ackley5, rastrigin5, styblinski5, hartmann6_noisy) run only when named. For a noisy
function the objective returns f(x) + N(0, sd^2), drawn from random.Random(seed) (its drawing counted as objective
time), and the best value after k trials is the true f of the trial with the lowest observed value among the first k.

Usage: optuna_bench.py [--seeds N] [--trials T] [--long-trials L] [--long-seeds K] [--functions a,b] [--samplers a,b]
Prints one JSON object on stdout: {"tool": "optuna", "version": ..., "runs": [...]}; progress goes to stderr.
Run with Debian's /usr/bin/python3 (python3-optuna 3.1).
"""

import argparse
import json
import math
import random
import sys
import time

import optuna

CHECKPOINTS = (25, 50, 100)


def branin(x: list) -> float:
    x1, x2 = x
    a, b, c, r, s, t = 1.0, 5.1 / (4 * math.pi ** 2), 5 / math.pi, 6.0, 10.0, 1 / (8 * math.pi)
    return a * (x2 - b * x1 * x1 + c * x1 - r) ** 2 + s * (1 - t) * math.cos(x1) + s


HARTMANN_ALPHA = (1.0, 1.2, 3.0, 3.2)
HARTMANN_A = (
    (10, 3, 17, 3.5, 1.7, 8),
    (0.05, 10, 17, 0.1, 8, 14),
    (3, 3.5, 1.7, 10, 17, 8),
    (17, 8, 0.05, 10, 0.1, 14),
)
HARTMANN_P = (
    (1312, 1696, 5569, 124, 8283, 5886),
    (2329, 4135, 8307, 3736, 1004, 9991),
    (2348, 1451, 3522, 2883, 3047, 6650),
    (4047, 8828, 8732, 5743, 1091, 381),
)


def hartmann6(x: list) -> float:
    total = 0.0
    for i in range(4):
        inner = 0.0
        for j in range(6):
            d = x[j] - HARTMANN_P[i][j] * 1e-4
            inner += HARTMANN_A[i][j] * d * d
        total += HARTMANN_ALPHA[i] * math.exp(-inner)
    return -total


def rosenbrock(x: list) -> float:
    return sum(100.0 * (x[i + 1] - x[i] * x[i]) ** 2 + (1.0 - x[i]) ** 2 for i in range(len(x) - 1))


def ackley(x: list) -> float:
    squares, cosines = 0.0, 0.0
    for v in x:
        squares += v * v
        cosines += math.cos(2 * math.pi * v)
    return -20 * math.exp(-0.2 * math.sqrt(squares / len(x))) - math.exp(cosines / len(x)) + 20 + math.e


def rastrigin(x: list) -> float:
    total = 10.0 * len(x)
    for v in x:
        total += v * v - 10 * math.cos(2 * math.pi * v)
    return total


def styblinski_tang(x: list) -> float:
    total = 0.0
    for v in x:
        total += v * v * v * v - 16 * v * v + 5 * v
    return total / 2


# name -> (function, [(low, high)] per dimension, known minimum, noise sd (0 = noiseless))
FUNCTIONS = {
    "branin": (branin, [(-5.0, 10.0), (0.0, 15.0)], 0.397887, 0.0),
    "hartmann6": (hartmann6, [(0.0, 1.0)] * 6, -3.32237, 0.0),
    "rosenbrock10": (rosenbrock, [(-5.0, 10.0)] * 10, 0.0, 0.0),
}
DEFAULT_FUNCTIONS = tuple(FUNCTIONS)  # the goal functions; the extras below run only when named with --functions
FUNCTIONS.update({
    "ackley5": (ackley, [(-32.768, 32.768)] * 5, 0.0, 0.0),
    "rastrigin5": (rastrigin, [(-5.12, 5.12)] * 5, 0.0, 0.0),
    "styblinski5": (styblinski_tang, [(-5.0, 5.0)] * 5, -39.16616570377142 * 5, 0.0),
    "hartmann6_noisy": (hartmann6, [(0.0, 1.0)] * 6, -3.32237, 0.3),
})

SAMPLERS = {
    "tpe": lambda seed: optuna.samplers.TPESampler(seed=seed),
    "random": lambda seed: optuna.samplers.RandomSampler(seed=seed),
}


def run(function_name: str, sampler_name: str, seed: int, trials: int) -> dict:
    function, bounds, _, noise_sd = FUNCTIONS[function_name]
    names = [f"x{i}" for i in range(len(bounds))]
    noise = random.Random(seed) if noise_sd > 0 else None
    values, observed_values = [], []
    inside = [0.0]

    def objective(trial: optuna.Trial) -> float:
        x = [trial.suggest_float(n, lo, hi) for n, (lo, hi) in zip(names, bounds)]
        start = time.perf_counter()  # only the function counts as objective time: suggest_* is the sampler's work
        value = function(x)
        observed = value if noise is None else value + noise.gauss(0.0, noise_sd)
        inside[0] += time.perf_counter() - start
        values.append(value)
        observed_values.append(observed)
        return observed

    study = optuna.create_study(direction="minimize", sampler=SAMPLERS[sampler_name](seed))
    start = time.perf_counter()
    study.optimize(objective, n_trials=trials)
    wall = time.perf_counter() - start
    best, lowest_observed, best_so_far = math.inf, math.inf, []
    for v, o in zip(values, observed_values):
        if o < lowest_observed:  # the true value of the trial with the lowest observed value so far
            lowest_observed, best = o, v
        best_so_far.append(best)
    return {
        "function": function_name,
        "sampler": sampler_name,
        "seed": seed,
        "trials": trials,
        "best": {str(c): best_so_far[c - 1] for c in CHECKPOINTS if c <= len(best_so_far)},
        "final_best": best_so_far[-1],
        "wall_s": wall,
        "objective_s": inside[0],
        "overhead_ms_per_trial": (wall - inside[0]) * 1000.0 / trials,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=10, help="seeds 0..N-1 for the short runs (default 10)")
    parser.add_argument("--trials", type=int, default=100, help="trials per short run (default 100)")
    parser.add_argument("--long-trials", type=int, default=1000, help="trials per long run (default 1000; 0 = none)")
    parser.add_argument("--long-seeds", type=int, default=1, help="seeds 0..K-1 for the long TPE runs (default 1)")
    parser.add_argument("--functions", default=",".join(DEFAULT_FUNCTIONS),
                        help=f"comma-separated (default: {','.join(DEFAULT_FUNCTIONS)}; extras: "
                             f"{','.join(f for f in FUNCTIONS if f not in DEFAULT_FUNCTIONS)})")
    parser.add_argument("--samplers", default=",".join(SAMPLERS), help="comma-separated (default: tpe,random)")
    parser.add_argument("--check", action="store_true", help="only check the arguments, run nothing (exit 2 if bad)")
    args = parser.parse_args()
    functions = [f for f in args.functions.split(",") if f]
    samplers = [s for s in args.samplers.split(",") if s]
    if not functions:
        parser.error("--functions names no function")
    for name in functions:
        if name not in FUNCTIONS:
            parser.error(f"unknown function '{name}' (known: {', '.join(FUNCTIONS)})")
    for name in samplers:
        if name not in SAMPLERS:
            parser.error(f"unknown sampler '{name}' (known: {', '.join(SAMPLERS)})")
    if args.check:
        return 0

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    runs = []
    for function_name in functions:
        for sampler_name in samplers:
            start = time.perf_counter()
            for seed in range(args.seeds):
                runs.append({"kind": "short", **run(function_name, sampler_name, seed, args.trials)})
            print(f"  optuna {sampler_name:6} {function_name:12} {args.seeds} x {args.trials} trials: "
                  f"{time.perf_counter() - start:.1f} s", file=sys.stderr)
    if args.long_trials > 0:
        for function_name in functions:
            for seed in range(args.long_seeds):
                r = run(function_name, "tpe", seed, args.long_trials)
                runs.append({"kind": "long", **r})
                print(f"  optuna tpe    {function_name:12} seed {seed}, {args.long_trials} trials: {r['wall_s']:.1f} s, "
                      f"{r['overhead_ms_per_trial']:.2f} ms/trial overhead", file=sys.stderr)
    json.dump({"tool": "optuna", "version": optuna.__version__, "python": sys.version.split()[0], "runs": runs}, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
