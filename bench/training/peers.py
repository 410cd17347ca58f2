"""scikit-learn peers of the Gyre training benchmark.

Trains each peer on TRAIN and scores it on TEST; prints one JSON line per peer:
  {"tool": ..., "fit_seconds": s, "roc_auc": x, "pr_auc": x, "seed": n, ...}
fit_seconds is the wall time (time.perf_counter) of the pipeline's .fit() only: preprocessing fit
(encoders, imputer) plus model fit. CSV reading and scoring are outside it.

Peers:
  rf       the seed recipe: OneHotEncoder(handle_unknown='ignore') on categoricals, SimpleImputer
           (median) on numerics, RandomForestClassifier(n_estimators=100), default n_jobs (None)
  rf_all   the same with n_jobs=-1 (extra information)
  hgb      HistGradientBoostingClassifier(), default parameters; categoricals OrdinalEncoder-ed and
           flagged in categorical_features; missing values left to its native handling
The only non-default setting is random_state=SEED on the models (reproducible runs; the harness
passes a different seed per repeat and reports medians).

Column types: a column is numeric when pandas parses it as a number (after --na-values), else
categorical. Categoricals with more distinct training values than HGB's 255 bins cannot be native
HGB categoricals: for HGB they are ordinal codes used as numbers (reported as "hgb_ordinal_as_numeric").

Run with Debian's /usr/bin/python3 (scikit-learn 1.2.1).
"""

import argparse
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder

HGB_MAX_CATEGORIES = 255  # HistGradientBoostingClassifier's default max_bins


def read(path: str, label: str, positive: str, na_values: list[str], drop: list[str]):
    frame = pd.read_csv(path, na_values=na_values, keep_default_na=True)
    if label not in frame.columns:
        raise SystemExit(f"peers.py: {path}: no column '{label}'")
    y = (frame[label].astype(str) == positive).astype(int).to_numpy()
    if y.sum() == 0:
        raise SystemExit(f"peers.py: {path}: no row has {label} == '{positive}'")
    x = frame.drop(columns=[label, *[c for c in drop if c in frame.columns]])
    return x, y


def split_columns(x: pd.DataFrame):
    numeric = [c for c in x.columns if pd.api.types.is_numeric_dtype(x[c]) and not pd.api.types.is_bool_dtype(x[c])]
    categorical = [c for c in x.columns if c not in numeric]
    return numeric, categorical


def rf_pipeline(numeric, categorical, seed, n_jobs):
    pre = ColumnTransformer([
        ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
        ("num", SimpleImputer(strategy="median"), numeric),
    ])
    return Pipeline([("pre", pre), ("model", RandomForestClassifier(n_estimators=100, n_jobs=n_jobs, random_state=seed))])


def hgb_pipeline(x_train, numeric, categorical, seed):
    native = [c for c in categorical if x_train[c].nunique(dropna=True) <= HGB_MAX_CATEGORIES]
    as_numeric = [c for c in categorical if c not in native]
    transformers = []
    if native:
        transformers.append(("cat", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan,
                                                   encoded_missing_value=np.nan), native))
    if as_numeric:
        transformers.append(("cat_wide", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan,
                                                        encoded_missing_value=np.nan), as_numeric))
    transformers.append(("num", "passthrough", numeric))
    pre = ColumnTransformer(transformers)
    mask = [True] * len(native) + [False] * (len(as_numeric) + len(numeric))
    model = HistGradientBoostingClassifier(categorical_features=mask, random_state=seed)
    return Pipeline([("pre", pre), ("model", model)]), as_numeric


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--label", required=True)
    parser.add_argument("--positive", required=True, help="label value of the positive class, as text")
    parser.add_argument("--na-values", default="", help="comma-separated extra missing-value markers, e.g. '?'")
    parser.add_argument("--drop", default="", help="comma-separated feature columns to ignore")
    parser.add_argument("--peers", default="rf,rf_all,hgb", help="comma-separated subset of rf,rf_all,hgb")
    parser.add_argument("--seed", type=int, default=0, help="random_state of the models")
    parser.add_argument("--dataset", default="", help="name echoed in the output")
    args = parser.parse_args()

    na_values = [v for v in args.na_values.split(",") if v]
    drop = [c for c in args.drop.split(",") if c]
    x_train, y_train = read(args.train, args.label, args.positive, na_values, drop)
    x_test, y_test = read(args.test, args.label, args.positive, na_values, drop)
    numeric, categorical = split_columns(x_train)
    x_test = x_test[x_train.columns]

    for peer in [p for p in args.peers.split(",") if p]:
        extra = {}
        if peer == "rf":
            pipeline = rf_pipeline(numeric, categorical, args.seed, n_jobs=None)
        elif peer == "rf_all":
            pipeline = rf_pipeline(numeric, categorical, args.seed, n_jobs=-1)
        elif peer == "hgb":
            pipeline, as_numeric = hgb_pipeline(x_train, numeric, categorical, args.seed)
            extra["hgb_ordinal_as_numeric"] = as_numeric
        else:
            raise SystemExit(f"peers.py: --peers: unknown peer '{peer}' (known: rf, rf_all, hgb)")

        started = time.perf_counter()
        pipeline.fit(x_train, y_train)
        fit_seconds = time.perf_counter() - started

        scores = pipeline.predict_proba(x_test)[:, 1]
        print(json.dumps({
            "dataset": args.dataset, "tool": peer, "seed": args.seed, "dropped": drop,
            "fit_seconds": round(fit_seconds, 4),
            "roc_auc": float(roc_auc_score(y_test, scores)),
            "pr_auc": float(average_precision_score(y_test, scores)),
            "train_rows": len(y_train), "test_rows": len(y_test),
            "numeric": numeric, "categorical": categorical, **extra,
        }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
