"""Known answers for Gyre.Training.Evaluation tests, computed with scikit-learn.

Run with Debian's Python (scikit-learn 1.2.1, numpy 1.24.2):

    /usr/bin/python3 tests/Gyre.Training.Tests/Evaluation/known_answers.py

It prints every case's inputs and expected values (repr precision) in a form pasted into the
C# tests (BinaryMetricsTests, MulticlassMetricsTests, RegressionMetricsTests, MetricSummaryTests).
Inputs that are generated from a seed are printed too, so the C# tests never need numpy.
"""

import warnings

import numpy as np
import sklearn
from sklearn import metrics

warnings.simplefilter("ignore")


def cs_doubles(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


def cs_bools(values):
    return "[" + ", ".join("true" if v else "false" for v in values) + "]"


def cs_ints(values):
    return "[" + ", ".join(str(int(v)) for v in values) + "]"


def binary_case(name, y, p, threshold=0.5):
    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=np.float64)
    pred = (p >= threshold).astype(int)
    both = len(np.unique(y)) == 2
    values = {
        "accuracy": metrics.accuracy_score(y, pred),
        "precision": metrics.precision_score(y, pred, labels=[0, 1], zero_division=0),
        "recall": metrics.recall_score(y, pred, labels=[0, 1], zero_division=0),
        "f1": metrics.f1_score(y, pred, labels=[0, 1], zero_division=0),
        # roc_auc_score raises when y holds one class; Gyre returns NaN there.
        "roc_auc": metrics.roc_auc_score(y, p) if both else float("nan"),
        "pr_auc": metrics.average_precision_score(y, p),
        "log_loss": metrics.log_loss(y, p, labels=[0, 1]),
    }
    print(f"== binary {name} (threshold {threshold!r})")
    print("labels:", cs_bools(y))
    print("probabilities:", cs_doubles(p))
    for key, value in values.items():
        print(f"  {key} = {value!r}")
    print("  confusion =", metrics.confusion_matrix(y, pred, labels=[0, 1]).tolist())


def multiclass_case(name, y, p):
    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=np.float64)
    k = p.shape[1]
    labels = list(range(k))
    pred = np.argmax(p, axis=1)  # first index on ties
    print(f"== multiclass {name} (K={k})")
    print("labels:", cs_ints(y))
    print("probabilities:")
    for row in p:
        print("   ", cs_doubles(row) + ",")
    print(f"  micro_accuracy = {metrics.accuracy_score(y, pred)!r}")
    print(f"  macro_accuracy = {metrics.balanced_accuracy_score(y, pred)!r}")
    print(f"  log_loss = {metrics.log_loss(y, p, labels=labels)!r}")
    print(f"  macro_f1 = {metrics.f1_score(y, pred, labels=labels, average='macro', zero_division=0)!r}")
    per_class = metrics.f1_score(y, pred, labels=labels, average=None, zero_division=0)
    print("  per_class_f1 =", cs_doubles(per_class))
    print("  confusion =", metrics.confusion_matrix(y, pred, labels=labels).tolist())


def regression_case(name, y, yhat):
    y = np.asarray(y, dtype=np.float64)
    yhat = np.asarray(yhat, dtype=np.float64)
    print(f"== regression {name}")
    print("labels:", cs_doubles(y))
    print("predictions:", cs_doubles(yhat))
    print(f"  rmse = {np.sqrt(metrics.mean_squared_error(y, yhat))!r}")
    print(f"  mae = {metrics.mean_absolute_error(y, yhat)!r}")
    print(f"  r2 = {metrics.r2_score(y, yhat)!r}")


def main():
    print("scikit-learn", sklearn.__version__, "numpy", np.__version__)

    # --- binary ---
    binary_case(
        "hand-made with tied scores",
        [1, 0, 1, 1, 0, 0, 1, 0, 1, 0],
        [0.9, 0.9, 0.7, 0.5, 0.5, 0.5, 0.2, 0.1, 0.7, 0.3],
    )
    binary_case(
        "hand-made with tied scores, threshold 0.3",
        [1, 0, 1, 1, 0, 0, 1, 0, 1, 0],
        [0.9, 0.9, 0.7, 0.5, 0.5, 0.5, 0.2, 0.1, 0.7, 0.3],
        threshold=0.3,
    )
    binary_case("all scores tied", [1, 0, 0, 1, 0, 0, 0], [0.4] * 7)
    binary_case("perfect separation with exact 0 and 1", [0, 0, 1, 1, 1], [0.0, 0.0, 1.0, 1.0, 1.0])
    binary_case("confidently wrong with exact 0 and 1", [1, 0, 1, 0], [0.0, 1.0, 1.0, 0.0])
    binary_case("no positive predicted", [1, 0, 1, 0, 0], [0.1, 0.2, 0.3, 0.05, 0.45])
    binary_case("only negative labels", [0, 0, 0, 0], [0.1, 0.6, 0.3, 0.6])
    binary_case("only positive labels", [1, 1, 1], [0.2, 0.9, 0.9])

    rng = np.random.default_rng(20240601)
    n = 200
    y = (rng.random(n) < 0.12).astype(int)
    score = 1.3 * y + rng.normal(0.0, 1.0, n) - 1.5
    p = np.round(1.0 / (1.0 + np.exp(-score)), 2)  # rounding creates many ties
    binary_case("imbalanced, 200 rows, numpy default_rng(20240601)", y, p)

    # --- multiclass ---
    multiclass_case(
        "3 classes, hand-made, tie on argmax in row 4",
        [0, 1, 2, 2, 1, 0, 2],
        [
            [0.7, 0.2, 0.1],
            [0.1, 0.8, 0.1],
            [0.2, 0.5, 0.3],
            [0.4, 0.2, 0.4],
            [0.3, 0.3, 0.4],
            [0.0, 0.0, 1.0],
            [0.1, 0.1, 0.8],
        ],
    )
    multiclass_case(
        "3 classes, rows not summing to 1 and exact 0/1",
        [0, 1, 2, 0],
        [
            [1.0, 0.0, 0.0],
            [0.2, 0.2, 0.2],
            [0.5, 0.5, 0.0],
            [0.9, 0.3, 0.0],
        ],
    )
    rng = np.random.default_rng(7)
    n = 60
    y = rng.choice(3, size=n, p=[0.5, 0.3, 0.2])  # class 3 never true
    logits = rng.normal(0.0, 1.0, (n, 4))
    logits[np.arange(n), y] += 1.2
    logits[:, 1] -= 0.4
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    probs = np.round(probs, 3)
    multiclass_case("4 classes, 60 rows, numpy default_rng(7), class 3 never true", y, probs)

    # --- regression ---
    regression_case("hand-made", [3.0, -0.5, 2.0, 7.0, 4.25], [2.5, 0.0, 2.0, 8.0, 4.0])
    rng = np.random.default_rng(11)
    x = np.round(rng.normal(10.0, 3.0, 50), 3)
    yhat = np.round(x + rng.normal(0.0, 1.5, 50), 3)
    regression_case("50 rows, numpy default_rng(11)", x, yhat)
    regression_case("constant labels, perfect predictions", [2.0, 2.0, 2.0], [2.0, 2.0, 2.0])
    regression_case("constant labels, imperfect predictions", [2.0, 2.0, 2.0], [1.0, 2.0, 3.5])
    regression_case("single row", [1.5], [1.0])

    # --- cross-validation summary ---
    folds = np.array([0.81, 0.79, 0.845, 0.8, 0.7725])
    print("== summary", cs_doubles(folds))
    print(f"  mean = {np.mean(folds)!r}")
    print(f"  std = {np.std(folds)!r}")


if __name__ == "__main__":
    main()
