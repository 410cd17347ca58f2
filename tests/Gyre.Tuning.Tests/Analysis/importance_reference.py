"""Reference importances for ImportanceEvaluatorTests, from Optuna 3.1 (run: /usr/bin/python3 importance_reference.py).

Both sides build the same 60 trials from a formula (no shared random generator):
  x = 20 * frac(i * 0.6180339887) - 10          float in [-10, 10]
  y = 20 * frac(i * 0.7548776662) - 10          float in [-10, 10]
  n = 1 + (i * 7) % 32                          int in [1, 32]
  c = ["a", "b", "c"][i % 3]                    categorical
  value = x^2 + 40 * (c == "b") + 2 * y          (n does not matter)
Printed: the importances of MeanDecreaseImpurity (what Gyre implements) and fANOVA (Optuna's default) with seed 0,
and the distinct MDI rankings over seeds 0-9 (one ranking: the order does not depend on the forest's randomness).
"""
import math

import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.importance import FanovaImportanceEvaluator, MeanDecreaseImpurityImportanceEvaluator, get_param_importances

optuna.logging.set_verbosity(optuna.logging.WARNING)


def frac(v):
    return v - math.floor(v)


study = optuna.create_study(direction="minimize")
dists = {
    "x": FloatDistribution(-10, 10),
    "y": FloatDistribution(-10, 10),
    "n": IntDistribution(1, 32),
    "c": CategoricalDistribution(["a", "b", "c"]),
}
for i in range(60):
    x = 20 * frac(i * 0.6180339887) - 10
    y = 20 * frac(i * 0.7548776662) - 10
    n = 1 + (i * 7) % 32
    c = ["a", "b", "c"][i % 3]
    value = x * x + 40 * (c == "b") + 2 * y
    study.add_trial(optuna.trial.create_trial(params={"x": x, "y": y, "n": n, "c": c}, distributions=dists, value=value))

for name, evaluator in [("mdi", MeanDecreaseImpurityImportanceEvaluator(seed=0)), ("fanova", FanovaImportanceEvaluator(seed=0))]:
    importances = get_param_importances(study, evaluator=evaluator)
    print(name, optuna.__version__, {k: round(v, 4) for k, v in importances.items()})

for s in range(6):
    print("fanova seed", s, {k: round(v, 4) for k, v in get_param_importances(study, evaluator=FanovaImportanceEvaluator(seed=s)).items()})
print("mdi rankings over seeds 0-9:", {tuple(get_param_importances(study, evaluator=MeanDecreaseImpurityImportanceEvaluator(seed=s))) for s in range(10)})
