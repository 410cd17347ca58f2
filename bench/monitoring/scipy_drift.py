"""The monitoring benchmark's scipy side (issue 6): the same 20-column drift report as Gyre's
DatasetDriftDetector, per column with scipy 1.10 (Debian's python3-scipy):
  numeric:     scipy.stats.ks_2samp(ref, cur)  (method='auto'; drift when p <= 0.05)
  categorical: Evidently's chi-square goodness of fit over the union of categories:
               scipy.stats.chisquare(f_obs=cur_counts, f_exp=ref_counts * n_cur / n_ref)  (drift when p < 0.05)
The data is loaded (outside the timing) from the files DriftBench wrote: NAME.f64 (raw little-endian float64)
and NAME.txt (one value per line) in DIR/reference and DIR/current. A warm-up pass, then REPEATS timed passes
over all 20 columns (time.perf_counter); prints one JSON object with the median, the p-values and verdicts, and
the peak resident memory (resource.getrusage ru_maxrss) after loading and at the end.
Usage: scipy_drift.py --dir DIR [--repeats R]
"""

import argparse
import itertools
import json
import os
import resource
import statistics
import sys
import time
import warnings

import numpy as np
import scipy
from scipy import stats

NUMERIC = [
    "amount", "card_present", "is_foreign", "distance_from_home_km", "distance_from_last_txn_km", "hour_of_day",
    "day_of_week", "txn_count_1h", "txn_count_24h", "avg_amount_30d", "amount_to_avg_ratio", "account_age_days",
    "customer_age", "credit_limit", "utilization", "failed_logins_24h",
]
CATEGORICAL = ["merchant_category", "channel", "country", "device_type"]
THRESHOLD = 0.05


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)  # Linux: KiB


def load_strings(path: str) -> np.ndarray:
    """One value per line into a numpy unicode array, read in blocks (no whole-file list of str objects)."""
    width = 1
    rows = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            rows += 1
            width = max(width, len(line) - 1)
    values = np.empty(rows, dtype=f"<U{width}")
    with open(path, encoding="utf-8") as handle:
        start = 0
        while True:
            block = [line.rstrip("\n") for line in itertools.islice(handle, 65536)]
            if not block:
                break
            values[start:start + len(block)] = block
            start += len(block)
    return values


def load(folder: str) -> dict:
    data = {name: np.fromfile(os.path.join(folder, name + ".f64"), dtype="<f8") for name in NUMERIC}
    data.update({name: load_strings(os.path.join(folder, name + ".txt")) for name in CATEGORICAL})
    return data


def chisquare_evidently(reference: np.ndarray, current: np.ndarray) -> float:
    """Evidently's chisquare_stat_test: f_obs = current counts, f_exp = reference counts rescaled to the current
    total, over the union of both samples' categories (a category missing on one side counts 0)."""
    ref_keys, ref_counts = np.unique(reference, return_counts=True)
    cur_keys, cur_counts = np.unique(current, return_counts=True)
    keys = np.union1d(ref_keys, cur_keys)
    ref_all = np.zeros(len(keys), dtype=np.int64)
    cur_all = np.zeros(len(keys), dtype=np.int64)
    ref_all[np.searchsorted(keys, ref_keys)] = ref_counts
    cur_all[np.searchsorted(keys, cur_keys)] = cur_counts
    f_exp = ref_all * (len(current) / len(reference))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a category new in current: expected 0, statistic inf, p 0
        return float(stats.chisquare(f_obs=cur_all, f_exp=f_exp).pvalue)


def report(reference: dict, current: dict) -> list:
    columns = []
    for name in NUMERIC:
        p = float(stats.ks_2samp(reference[name], current[name]).pvalue)
        columns.append({"name": name, "kind": "numeric", "method": "ks", "p_value": p, "drifted": p <= THRESHOLD})
    for name in CATEGORICAL:
        p = chisquare_evidently(reference[name], current[name])
        columns.append({"name": name, "kind": "categorical", "method": "chisquare", "p_value": p, "drifted": p < THRESHOLD})
    return columns


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    reference = load(os.path.join(args.dir, "reference"))
    current = load(os.path.join(args.dir, "current"))
    after_load = peak_mb()
    start = time.perf_counter()
    columns = report(reference, current)
    warmup_ms = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        columns = report(reference, current)
        times.append((time.perf_counter() - start) * 1000)
    print(json.dumps({
        "kind": "detect", "tool": "scipy", "rows": len(reference[NUMERIC[0]]),
        "scipy": scipy.__version__, "numpy": np.__version__, "python": sys.version.split()[0],
        "repeats": args.repeats, "warmup_ms": round(warmup_ms, 3), "times_ms": [round(t, 3) for t in times],
        "median_ms": round(statistics.median(times), 3), "columns": columns,
        "peak_mb_after_load": after_load, "peak_mb": peak_mb(),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
