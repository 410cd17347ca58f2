using Gyre.Tuning.Analysis;
using Gyre.Tuning.Distributions;
using static Gyre.Tuning.Tests.Analysis.AnalysisTrials;

namespace Gyre.Tuning.Tests.Analysis;

public sealed class StudyReportTests
{
    private static List<FrozenTrial> Mixed() =>
    [
        Complete(0, 5, ("x", X, 1.0)),
        Trial(1, TrialState.Pruned, 0.1, new Dictionary<string, (ParameterDistribution, object?)> { ["x"] = (X, 2.0) }),
        Complete(2, 3, ("x", X, 3.0)),
        Trial(3, TrialState.Fail, null, new Dictionary<string, (ParameterDistribution, object?)> { ["x"] = (X, 4.0) }),
        Complete(4, 7, ("x", X, 5.0)),
        Trial(5, TrialState.Running, null, new Dictionary<string, (ParameterDistribution, object?)>()),
        Trial(6, TrialState.Complete, 1, new Dictionary<string, (ParameterDistribution, object?)> { ["x"] = (X, 6.0) }, seconds: 2.5),
    ];

    [Fact]
    public void Minimize_CountsBestAndHistory()
    {
        var report = StudyReport.Build("s", StudyDirection.Minimize, Mixed());

        Assert.Equal(new TrialStateCounts(7, 4, 1, 1, 1, 0), report.Counts);
        Assert.Equal(6, report.BestTrial!.Number);
        Assert.Equal(1, report.BestTrial.Value);
        Assert.Equal(6.0, report.BestTrial.Params["x"]);
        Assert.Equal(TimeSpan.FromSeconds(2.5), report.BestTrial.Duration);
        Assert.Equal([new(0, 5, 5), new(2, 3, 3), new(4, 7, 3), new(6, 1, 1)], report.History);
        Assert.Equal(["x"], report.Importances.Select(i => i.Name));
        Assert.Equal(7, report.Trials.Count);
    }

    [Fact]
    public void Maximize_BestIsLargest_PrunedValueIgnored()
    {
        var report = StudyReport.Build("s", StudyDirection.Maximize, Mixed());

        Assert.Equal(4, report.BestTrial!.Number);
        Assert.Equal([5.0, 5, 7, 7], report.History.Select(h => h.BestSoFar));
    }

    [Fact]
    public void NoCompleteTrial_NoBestNoHistoryNoImportance()
    {
        var report = StudyReport.Build("s", StudyDirection.Minimize, Mixed().Where(t => t.State != TrialState.Complete).ToList());

        Assert.Null(report.BestTrial);
        Assert.Empty(report.History);
        Assert.Empty(report.Importances);
        Assert.Equal(3, report.Counts.Total);
    }

    [Fact]
    public void EmptyName_InvalidInput()
    {
        var error = Assert.Throws<Core.GyreException>(() => StudyReport.Build("", StudyDirection.Minimize, []));
        Assert.Equal(Core.ErrorKind.InvalidInput, error.Kind);
    }
}
