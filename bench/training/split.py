"""Stratified 80/20 split shared by every tool in the training benchmark.

Rows are copied verbatim (every cell is read as text, nothing is parsed or reformatted), so
train.csv and test.csv hold exactly the original cells, in the original column order; each tool
then parses them itself. Run with Debian's /usr/bin/python3 (scikit-learn 1.2.1).

Usage: split.py --data FILE --label COL --out-dir DIR [--test-size 0.2] [--seed 42]
Prints one JSON line: {"train": path, "test": path, "train_rows": n, "test_rows": n, ...}.
"""

import argparse
import json
import os
import sys

import pandas as pd
from sklearn.model_selection import train_test_split


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="input CSV with a header row")
    parser.add_argument("--label", required=True, help="label column (stratification key)")
    parser.add_argument("--out-dir", required=True, help="folder for train.csv and test.csv")
    parser.add_argument("--test-size", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=42, help="random_state of train_test_split")
    args = parser.parse_args()

    frame = pd.read_csv(args.data, dtype=str, keep_default_na=False)
    if args.label not in frame.columns:
        print(f"split.py: {args.data}: no column '{args.label}' (columns: {', '.join(frame.columns)})", file=sys.stderr)
        return 2
    train, test = train_test_split(
        frame, test_size=args.test_size, random_state=args.seed, stratify=frame[args.label])

    os.makedirs(args.out_dir, exist_ok=True)
    paths = {}
    for name, part in (("train", train), ("test", test)):
        path = os.path.join(args.out_dir, f"{name}.csv")
        temp = path + ".tmp"
        part.to_csv(temp, index=False, lineterminator="\n")
        os.replace(temp, path)  # never leave a half-written split behind
        paths[name] = path

    counts = lambda part: {str(k): int(v) for k, v in part[args.label].value_counts().sort_index().items()}
    print(json.dumps({
        "train": paths["train"], "test": paths["test"],
        "train_rows": len(train), "test_rows": len(test),
        "train_label_counts": counts(train), "test_label_counts": counts(test),
        "seed": args.seed, "test_size": args.test_size,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
