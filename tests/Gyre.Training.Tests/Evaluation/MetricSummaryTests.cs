using Gyre.Training.Evaluation;

namespace Gyre.Training.Tests.Evaluation;

// Known answers: produced by known_answers.py in this folder, run with Debian's /usr/bin/python3
// (numpy 1.24.2): np.mean and np.std (ddof=0) of the fold values.
public sealed class MetricSummaryTests
{
    [Fact]
    public void Summarize_FiveFolds_MeanAndPopulationStdMatchNumpy()
    {
        double[] values = [0.81, 0.79, 0.845, 0.8, 0.7725];
        var folds = values.Select(v => (IReadOnlyDictionary<string, double>)new Dictionary<string, double> { ["auc"] = v }).ToArray();

        var summary = Assert.Single(MetricSummary.Summarize(folds));

        Assert.Equal("auc", summary.Name);
        KnownAnswer.Equal(0.8035, summary.Mean, "mean");
        KnownAnswer.Equal(0.02416609194718914, summary.StdDev, "std");
        Assert.Equal(values, summary.PerFold);
    }

    [Fact]
    public void Summarize_KeysMissingFromSomeFold_KeepsOnlyCommonKeysInFirstFoldOrder()
    {
        IReadOnlyDictionary<string, double>[] folds =
        [
            new OrderedDictionary<string, double> { ["rmse"] = 1.0, ["only_first"] = 5.0, ["mae"] = 0.5, ["r2"] = 0.9 },
            new OrderedDictionary<string, double> { ["r2"] = 0.7, ["mae"] = 0.7, ["rmse"] = 3.0 },
        ];

        var summaries = MetricSummary.Summarize(folds);

        Assert.Equal(["rmse", "mae", "r2"], summaries.Select(s => s.Name));
        Assert.Equal(2.0, summaries[0].Mean);
        Assert.Equal(1.0, summaries[0].StdDev);
        Assert.Equal([0.9, 0.7], summaries[2].PerFold);
    }

    [Fact]
    public void Summarize_SingleFold_StdDevIsZero()
    {
        var summary = Assert.Single(MetricSummary.Summarize([new Dictionary<string, double> { ["f1"] = 0.42 }]));

        Assert.Equal(0.42, summary.Mean);
        Assert.Equal(0.0, summary.StdDev);
    }

    [Fact]
    public void Summarize_NaNInOneFold_MeanAndStdDevAreNaN()
    {
        IReadOnlyDictionary<string, double>[] folds =
        [
            new Dictionary<string, double> { ["roc_auc"] = 0.8 },
            new Dictionary<string, double> { ["roc_auc"] = double.NaN },
        ];

        var summary = Assert.Single(MetricSummary.Summarize(folds));

        Assert.True(double.IsNaN(summary.Mean));
        Assert.True(double.IsNaN(summary.StdDev));
    }

    [Fact]
    public void Summarize_MetricsFromBinaryFolds_SummarizesEveryKey()
    {
        var first = BinaryMetrics.Compute([true, false, true, false], [0.9, 0.2, 0.6, 0.7]);
        var second = BinaryMetrics.Compute([true, false, false, true], [0.8, 0.1, 0.3, 0.4]);

        var summaries = MetricSummary.Summarize([first.ToDictionary(), second.ToDictionary()]);

        Assert.Equal(first.ToDictionary().Keys, summaries.Select(s => s.Name));
        Assert.Equal((first.RocAuc + second.RocAuc) / 2, summaries.Single(s => s.Name == "roc_auc").Mean, 15);
    }

    [Fact]
    public void Summarize_NoFolds_ThrowsNamingFolds()
    {
        var error = Assert.Throws<ArgumentException>(() => MetricSummary.Summarize([]));

        Assert.Equal("folds", error.ParamName);
    }

    [Fact]
    public void Summarize_NullFold_ThrowsNamingFolds()
    {
        var error = Assert.Throws<ArgumentException>(() => MetricSummary.Summarize([null!]));

        Assert.Equal("folds", error.ParamName);
    }
}
