using Gyre.Monitoring.Performance;
using Gyre.Monitoring.Tests.Drift;

namespace Gyre.Monitoring.Tests.Performance;

public sealed class RegressionMetricsTests
{
    [Fact]
    public void Compute_LabeledRows_MatchesScikitLearn()
    {
        // scikit-learn 1.2.1, /usr/bin/python3 (/tmp/gyre6/perf.py):
        //   rt = [3.0, -0.5, 2.0, 7.0, 4.2, 1.1]; rp = [2.5, 0.0, 2.0, 8.0, 3.9, 1.5]
        //   mean_absolute_error(rt, rp) -> 0.45; mean_squared_error(rt, rp, squared=False) -> 0.5400617248673217
        //   r2_score(rt, rp) -> 0.9486200822078684; mean_absolute_percentage_error(rt, rp) -> 0.2907647907647907
        double[] actual = [3.0, -0.5, 2.0, 7.0, 4.2, 1.1];
        double[] predicted = [2.5, 0.0, 2.0, 8.0, 3.9, 1.5];
        var outcomes = actual.Select((a, i) => new RegressionOutcome(i, predicted[i], a)).ToList();
        outcomes.Add(new RegressionOutcome(99, 100.0, null));

        var metrics = RegressionMetrics.Compute(outcomes);

        Tolerance.AssertClose(0.45, metrics["mae"]);
        Tolerance.AssertClose(0.5400617248673217, metrics["rmse"]);
        Tolerance.AssertClose(0.9486200822078684, metrics["r2"]);
        Tolerance.AssertClose(0.2907647907647907, metrics["mape"]);
    }

    [Fact]
    public void Compute_ZeroActual_OmitsMape()
    {
        var outcomes = new[] { new RegressionOutcome(0, 1.0, 0.0), new RegressionOutcome(1, 2.0, 3.0) };

        var metrics = RegressionMetrics.Compute(outcomes);

        Assert.False(metrics.ContainsKey("mape"));
        Assert.Equal(1.0, metrics["mae"]);
    }

    [Fact]
    public void Compute_ConstantActuals_OmitsR2()
    {
        var outcomes = new[] { new RegressionOutcome(0, 1.0, 2.0), new RegressionOutcome(1, 3.0, 2.0) };

        var metrics = RegressionMetrics.Compute(outcomes);

        Assert.False(metrics.ContainsKey("r2"));
        Assert.All(metrics.Values, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Compute_NoLabels_Empty() =>
        Assert.Empty(RegressionMetrics.Compute([new RegressionOutcome(0, 1.0, null)]));
}
