using Gyre.Training.Evaluation;

namespace Gyre.Training.Tests.Evaluation;

// Known answers: produced by known_answers.py in this folder, run with Debian's /usr/bin/python3
// (scikit-learn 1.2.1, numpy 1.24.2): sqrt(mean_squared_error), mean_absolute_error and r2_score.
// Values are the script's repr output.
public sealed class RegressionMetricsTests
{
    [Fact]
    public void Compute_HandMade_MatchesScikitLearn()
    {
        var metrics = RegressionMetrics.Compute([3.0, -0.5, 2.0, 7.0, 4.25], [2.5, 0.0, 2.0, 8.0, 4.0]);

        AssertMetrics(metrics, 0.5590169943749475, 0.45, 0.9491042345276873);
    }

    [Fact]
    public void Compute_FiftyRows_MatchesScikitLearn()
    {
        // numpy default_rng(11): labels ~ N(10, 3), predictions = labels + N(0, 1.5), rounded to 3 decimals.
        double[] labels =
        [
        10.103, 14.079, 13.674, 8.469, 9.106, 8.418, 11.709, 9.832, 12.241, 4.458, 14.7, 9.711,
        12.041, 9.59, 8.863, 11.389, 12.474, 9.392, 9.542, 12.057, 7.389, 5.457, 11.185, 7.988, 4.239,
        7.558, 8.597, 6.42, 5.523, 10.11, 12.692, 9.301, 7.769, 11.155, 12.152, 9.1, 11.634, 13.129,
        9.379, 7.559, 11.043, 10.743, 13.296, 6.146, 8.015, 7.485, 4.798, 10.379, 11.583, 7.784
        ];
        double[] predictions =
        [
        12.181, 15.312, 14.615, 9.072, 10.54, 6.42, 12.63, 10.736, 9.589, 4.979, 14.324, 10.883,
        11.382, 9.563, 9.377, 10.075, 13.372, 9.235, 10.281, 11.274, 9.018, 6.365, 10.918, 8.936,
        6.129, 10.245, 6.237, 7.745, 6.221, 9.969, 11.182, 11.187, 5.876, 12.005, 14.105, 6.7, 11.18,
        11.165, 9.745, 9.831, 14.078, 8.076, 12.434, 7.201, 10.384, 8.117, 3.679, 10.825, 11.558,
        7.478

        ];

        var metrics = RegressionMetrics.Compute(labels, predictions);

        AssertMetrics(metrics, 1.4554933115614102, 1.2168199999999998, 0.6747817751175064);
    }

    [Fact]
    public void Compute_ConstantLabelsPerfectPredictions_R2IsOne()
    {
        var metrics = RegressionMetrics.Compute([2.0, 2.0, 2.0], [2.0, 2.0, 2.0]);

        AssertMetrics(metrics, 0.0, 0.0, 1.0);
    }

    [Fact]
    public void Compute_ConstantLabelsImperfectPredictions_R2IsZero()
    {
        var metrics = RegressionMetrics.Compute([2.0, 2.0, 2.0], [1.0, 2.0, 3.5]);

        AssertMetrics(metrics, 1.0408329997330663, 0.8333333333333334, 0.0);
    }

    [Fact]
    public void Compute_ConstantLabelsWithInexactMean_R2IsStillZero()
    {
        // The mean of three 0.1s is 0.10000000000000002 in floating point; scikit-learn 1.2.1 then divides
        // by a tiny non-zero variance and returns about -1.7e31. Gyre detects constant labels exactly.
        var metrics = RegressionMetrics.Compute([0.1, 0.1, 0.1], [0.1, 0.1, 0.2]);

        Assert.Equal(0.0, metrics.R2);
    }

    [Fact]
    public void Compute_SingleRow_R2IsNaN()
    {
        var metrics = RegressionMetrics.Compute([1.5], [1.0]);

        AssertMetrics(metrics, 0.5, 0.5, double.NaN);
    }

    [Fact]
    public void ToDictionary_AnyMetrics_HasDocumentedKeysInOrder()
    {
        var metrics = RegressionMetrics.Compute([1.0, 2.0, 4.0], [1.5, 2.0, 3.0]);

        var dictionary = metrics.ToDictionary();

        Assert.Equal(["rmse", "mae", "r2"], dictionary.Keys);
        Assert.Equal([metrics.Rmse, metrics.Mae, metrics.R2], dictionary.Values);
    }

    [Fact]
    public void Compute_LengthMismatch_ThrowsNamingPredictions()
    {
        var error = Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([1.0, 2.0], [1.0]));

        Assert.Equal("predictions", error.ParamName);
    }

    [Fact]
    public void Compute_Empty_ThrowsNamingLabels()
    {
        var error = Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([], []));

        Assert.Equal("labels", error.ParamName);
    }

    [Theory]
    [InlineData(double.NaN, 1.0, "labels")]
    [InlineData(1.0, double.PositiveInfinity, "predictions")]
    public void Compute_NonFiniteValue_ThrowsNamingParameter(double label, double prediction, string parameter)
    {
        var error = Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([0.0, label], [0.0, prediction]));

        Assert.Equal(parameter, error.ParamName);
        Assert.Contains($"{parameter}[1]", error.Message, StringComparison.Ordinal);
    }

    private static void AssertMetrics(RegressionMetrics metrics, double rmse, double mae, double r2)
    {
        KnownAnswer.Equal(rmse, metrics.Rmse, "rmse");
        KnownAnswer.Equal(mae, metrics.Mae, "mae");
        KnownAnswer.Equal(r2, metrics.R2, "r2");
    }
}
