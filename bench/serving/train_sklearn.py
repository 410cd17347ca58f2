"""Serving benchmark, model (b): the seed's scikit-learn RandomForest and the shared request bodies.

Reads the fraud CSV, keeps the numeric feature columns in sorted-name order (the seed app sorts the request's
keys and feeds the values positionally, so this is the order the model must learn), splits 80/20 as the seed
recipe does (train_test_split, test_size=0.2), fits RandomForestClassifier(n_estimators=100) on a plain array,
and writes into --out-dir:
  model.pkl          joblib dump, what seed_app/app.py loads
  train.csv test.csv the split (all columns), so Gyre trains on exactly the same rows
  features.json      the feature names, sorted
  ignore.txt         the other columns (besides the label), one a line: Gyre's --ignore list
  predict-body.json  one holdout row as a JSON object of named features (the body for /predict)
  infer-body.json    the same row as an Open Inference Protocol v2 request (one FP64 input per feature)
Prints one JSON line describing the model on standard output. Debian's python3 with scikit-learn 1.2.
"""

import argparse
import json
import os
import sys
import time

import joblib
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.model_selection import train_test_split


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--label", required=True)
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    frame = pd.read_csv(args.data)
    if args.label not in frame.columns:
        print(f"train_sklearn.py: {args.data}: no column '{args.label}'", file=sys.stderr)
        return 1
    features = sorted(c for c in frame.columns
                      if c != args.label and pd.api.types.is_numeric_dtype(frame[c]))
    ignored = [c for c in frame.columns if c != args.label and c not in features]
    if frame[features].isna().any().any():
        print(f"train_sklearn.py: {args.data}: missing values in numeric columns; the seed app cannot take them",
              file=sys.stderr)
        return 1

    train, test = train_test_split(frame, test_size=0.2, random_state=args.seed)
    os.makedirs(args.out_dir, exist_ok=True)
    train.to_csv(os.path.join(args.out_dir, "train.csv"), index=False)
    test.to_csv(os.path.join(args.out_dir, "test.csv"), index=False)

    started = time.perf_counter()
    model = RandomForestClassifier(n_estimators=100, random_state=args.seed)
    model.fit(train[features].to_numpy(), train[args.label].to_numpy())
    fit_seconds = time.perf_counter() - started
    model_path = os.path.join(args.out_dir, "model.pkl")
    joblib.dump(model, model_path)

    x_test = test[features].to_numpy()
    y_test = test[args.label].to_numpy()
    scores = model.predict_proba(x_test)[:, 1]

    row = test.iloc[0]
    body = {}
    for name in features:
        value = row[name]
        body[name] = int(value) if np.issubdtype(frame[name].dtype, np.integer) else float(value)
    infer = {"inputs": [{"name": name, "shape": [1], "datatype": "FP64", "data": [float(body[name])]}
                        for name in features]}
    write_json(os.path.join(args.out_dir, "features.json"), features)
    write_json(os.path.join(args.out_dir, "predict-body.json"), body)
    write_json(os.path.join(args.out_dir, "infer-body.json"), infer)
    with open(os.path.join(args.out_dir, "ignore.txt"), "w", encoding="utf-8") as handle:
        handle.writelines(f"{name}\n" for name in ignored)

    print(json.dumps({
        "kind": "sklearn_model",
        "features": len(features),
        "training_rows": len(train),
        "n_estimators": 100,
        "fit_seconds": round(fit_seconds, 3),
        "model_pkl_mb": round(os.path.getsize(model_path) / 1e6, 1),
        "holdout_accuracy": round(float(accuracy_score(y_test, model.predict(x_test))), 4),
        "holdout_roc_auc": round(float(roc_auc_score(y_test, scores)), 4),
    }))
    return 0


def write_json(path: str, value) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(value, handle)


if __name__ == "__main__":
    sys.exit(main())
