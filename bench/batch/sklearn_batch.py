"""Batch benchmark, peer side (issue 8): the seed's scikit-learn RandomForest (100 trees) scoring a CSV file.

fit:   reads --train, fits RandomForestClassifier(n_estimators=100) (the seed's model, default n_jobs) on the numeric
       feature columns, dumps it with joblib to --model.
score: reads --score with pandas, predict_proba on the same columns, writes the id column and the fraud probability
       with pandas to --out; prints one JSON line {"rows": N, "seconds": S, "rows_per_s": R} timing all three steps.
Debian's python3 (scikit-learn 1.2, pandas).
"""

import argparse
import json
import sys
import time

import joblib
import pandas as pd
from sklearn.ensemble import RandomForestClassifier

LABEL = "is_fraud"


def features_of(frame):
    return sorted(c for c in frame.columns if c != LABEL and pd.api.types.is_numeric_dtype(frame[c]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["fit", "score"])
    parser.add_argument("--train")
    parser.add_argument("--score")
    parser.add_argument("--model", required=True)
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.command == "fit":
        frame = pd.read_csv(args.train)
        features = features_of(frame)
        model = RandomForestClassifier(n_estimators=100, random_state=0)
        model.fit(frame[features].to_numpy(), frame[LABEL].to_numpy())
        joblib.dump((model, features), args.model)
        print(json.dumps({"features": len(features), "rows": len(frame)}))
        return 0

    model, features = joblib.load(args.model)
    started = time.perf_counter()
    frame = pd.read_csv(args.score)
    probability = model.predict_proba(frame[features].to_numpy())[:, 1]
    id_column = "transaction_id" if "transaction_id" in frame.columns else frame.columns[0]
    pd.DataFrame({id_column: frame[id_column], "probability": probability}).to_csv(args.out, index=False)
    seconds = time.perf_counter() - started
    print(json.dumps({"rows": len(frame), "seconds": seconds, "rows_per_s": len(frame) / seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
