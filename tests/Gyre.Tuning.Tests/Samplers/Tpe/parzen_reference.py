# Produces the known answers of ParzenEstimatorTests and TpeObservationsTests.
# Run: /usr/bin/python3 tests/Gyre.Tuning.Tests/Samplers/Tpe/parzen_reference.py
# Kernel centres, widths and mixture weights come from Optuna 3.1.0's _ParzenEstimator (Debian's
# python3-optuna). Optuna 3.1's truncnorm.logpdf omits the 1/sigma factor (optuna#5109, fixed in
# 3.5), so the mixture log-densities are computed with scipy.stats.truncnorm from Optuna's kernels.
import numpy as np
from scipy.stats import truncnorm, norm
from scipy.special import logsumexp
import optuna
from optuna.distributions import FloatDistribution, IntDistribution, CategoricalDistribution
from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
from optuna.samplers._tpe.sampler import default_weights, _split_observation_pairs, _get_observation_pairs

def params(multivariate):
    return _ParzenEstimatorParameters(True, 1.0, True, False, default_weights, multivariate)

def show(label, pe, space, points):
    print(f"== {label}")
    print("weights", repr(list(pe._weights)))
    for name, dist in space.items():
        if isinstance(dist, CategoricalDistribution):
            print(name, "catweights", repr(pe._categorical_weights[name].tolist()))
        else:
            print(name, "mus", repr(list(pe._mus[name])), "sigmas", repr(list(pe._sigmas[name])))
    # log-density of each point with scipy
    n = len(next(iter(points.values())))
    out = []
    for i in range(n):
        comp = np.log(pe._weights).copy()
        for name, dist in space.items():
            x = points[name][i]
            if isinstance(dist, CategoricalDistribution):
                comp += np.log(pe._categorical_weights[name][:, int(x)])
                continue
            lo, hi, q = pe._low[name], pe._high[name], pe._q[name]
            mus, sig = pe._mus[name], pe._sigmas[name]
            a, b = (lo - mus) / sig, (hi - mus) / sig
            if isinstance(dist, IntDistribution) and dist.log:
                l, u = max(np.log(x - 0.5), lo), min(np.log(x + 0.5), hi)
                comp += np.log(norm.cdf((u - mus) / sig) - norm.cdf((l - mus) / sig)) - np.log(norm.cdf(b) - norm.cdf(a))
            elif q is not None:
                l, u = max(x - q / 2, lo), min(x + q / 2, hi)
                comp += np.log(norm.cdf((u - mus) / sig) - norm.cdf((l - mus) / sig)) - np.log(norm.cdf(b) - norm.cdf(a))
            else:
                xt = np.log(x) if dist.log else x
                comp += truncnorm.logpdf(xt, a, b, loc=mus, scale=sig)
        out.append(logsumexp(comp))
    print("logpdf", repr(out))

# 1. univariate float, 5 observations
s1 = {"x": FloatDistribution(-5.0, 10.0)}
pe = _ParzenEstimator({"x": np.array([1.0, -2.0, 7.5, 3.0, 3.2])}, s1, params(False))
show("float", pe, s1, {"x": np.array([-4.0, 0.0, 3.1, 9.9])})

# 2. log float
s2 = {"lr": FloatDistribution(1e-4, 1.0, log=True)}
pe = _ParzenEstimator({"lr": np.array([0.001, 0.01, 0.2])}, s2, params(False))
show("logfloat", pe, s2, {"lr": np.array([0.0002, 0.005, 0.5])})

# 3. int with step 2 (discrete)
s3 = {"n": IntDistribution(0, 20, step=2)}
pe = _ParzenEstimator({"n": np.array([4.0, 8.0, 8.0, 18.0])}, s3, params(False))
show("intstep", pe, s3, {"n": np.array([0.0, 8.0, 20.0])})

# 4. log int
s4 = {"k": IntDistribution(1, 100, log=True)}
pe = _ParzenEstimator({"k": np.array([2.0, 10.0, 50.0])}, s4, params(False))
show("logint", pe, s4, {"k": np.array([1.0, 9.0, 100.0])})

# 5. categorical
s5 = {"c": CategoricalDistribution(["a", "b", "c"])}
pe = _ParzenEstimator({"c": np.array([0.0, 2.0, 2.0])}, s5, params(False))
show("categorical", pe, s5, {"c": np.array([0, 1, 2])})

# 6. multivariate float + int + categorical, 30 observations (the weight ramp is active)
rng = np.random.RandomState(0)
s6 = {"x": FloatDistribution(0.0, 1.0), "n": IntDistribution(1, 10), "c": CategoricalDistribution([1.0, 2.0])}
obs6 = {"x": np.round(rng.rand(30), 3), "n": rng.randint(1, 11, 30).astype(float), "c": rng.randint(0, 2, 30).astype(float)}
print("obs6 x", repr(list(obs6["x"])))
print("obs6 n", repr(list(obs6["n"])))
print("obs6 c", repr(list(obs6["c"])))
pe = _ParzenEstimator(obs6, s6, params(True))
show("multivariate", pe, s6, {"x": np.array([0.1, 0.5]), "n": np.array([3.0, 10.0]), "c": np.array([0, 1])})

# 7. split: gamma(n) best of Complete, then Pruned by depth then value; minimize
study = optuna.create_study(direction="minimize")
d = {"x": FloatDistribution(0, 1)}
def add(state, value, inter, x):
    study.add_trial(optuna.trial.create_trial(state=state, value=value, params={"x": x}, distributions=d, intermediate_values=inter))
C, P = optuna.trial.TrialState.COMPLETE, optuna.trial.TrialState.PRUNED
add(C, 5.0, {}, 0.0); add(P, None, {0: 1.0, 3: 0.5}, 0.1); add(C, 1.0, {}, 0.2); add(P, None, {0: 0.2}, 0.3)
add(C, 3.0, {}, 0.4); add(P, None, {}, 0.5); add(C, 2.0, {}, 0.6); add(P, None, {0: 9.0, 3: 0.1}, 0.7)
values, scores, _ = _get_observation_pairs(study, ["x"], False, False)
for n_below in (2, 5, 7):
    b, a = _split_observation_pairs(scores, n_below, None)
    print("split", n_below, "below", list(b), "above", list(a))

# 8. Optuna 3.1's own log_pdf (equal-height kernels, Gyre's default) for cases 1 and 2
pe = _ParzenEstimator({"x": np.array([1.0, -2.0, 7.5, 3.0, 3.2])}, s1, params(False))
print("optuna31 float", repr(list(pe.log_pdf({"x": np.array([-4.0, 0.0, 3.1, 9.9])}))))
pe = _ParzenEstimator({"lr": np.array([0.001, 0.01, 0.2])}, s2, params(False))
print("optuna31 logfloat", repr(list(pe.log_pdf({"lr": np.array([0.0002, 0.005, 0.5])}))))
