using Gyre.Tuning.Pruners;
using Gyre.Tuning.Samplers;

namespace Gyre.Tuning.Tests.Pruners;

// Expected decisions follow Optuna's PercentilePruner rule (hpo-reference §2): prune iff the trial's
// best intermediate value is worse than the median (numpy linear percentile) of Complete trials'
// values at the trial's last step. Completed trials report [1,2,3], [3,4,5], [5,6,7] at steps
// 0,1,2, so the median at step 1 is 4. (python3-optuna was not importable under /usr/bin/python3
// at the time of writing, so these are hand-derived from the rule, not produced by Optuna.)
public sealed class MedianPrunerTests
{
    private static async Task<Study> StudyWithHistoryAsync(StudyDirection direction)
    {
        var study = await Study.CreateAsync("m", direction, new RandomSampler(0), new MedianPruner(nStartupTrials: 2), cancellationToken: TestContext.Current.CancellationToken);
        foreach (var values in new[] { new[] { 1.0, 2, 3 }, [3.0, 4, 5], [5.0, 6, 7] })
        {
            var t = study.Ask();
            for (var i = 0; i < values.Length; i++) t.Report(values[i], i);
            study.Tell(t, values[^1]);
        }
        return study;
    }

    [Theory]
    [InlineData(4.5, 4.5, true)]
    [InlineData(3.5, 5.0, false)]   // best so far (3.5) counts, not the last value
    [InlineData(4.0, 4.0, false)]   // equal to median is not worse
    [InlineData(9.0, 3.9, false)]
    public async Task ShouldPrune_Minimize_ComparesBestValueWithMedianAtStep(double step0, double step1, bool expected)
    {
        var study = await StudyWithHistoryAsync(StudyDirection.Minimize);
        var t = study.Ask();
        t.Report(step0, 0);
        t.Report(step1, 1);
        Assert.Equal(expected, t.ShouldPrune());
    }

    [Fact]
    public async Task ShouldPrune_Maximize_PrunesBelowMedian()
    {
        var study = await StudyWithHistoryAsync(StudyDirection.Maximize);
        var t = study.Ask();
        t.Report(3.9, 1);
        Assert.True(t.ShouldPrune());
    }

    [Fact]
    public async Task ShouldPrune_FewerCompleteThanStartup_DoesNotPrune()
    {
        var study = await Study.CreateAsync("m", pruner: new MedianPruner(), cancellationToken: TestContext.Current.CancellationToken);
        var done = study.Ask();
        done.Report(0, 0);
        study.Tell(done, 0);
        var t = study.Ask();
        t.Report(100, 0);
        Assert.False(t.ShouldPrune());
    }

    [Fact]
    public async Task ShouldPrune_NaNOnly_Prunes()
    {
        var study = await StudyWithHistoryAsync(StudyDirection.Minimize);
        var t = study.Ask();
        t.Report(double.NaN, 1);
        Assert.True(t.ShouldPrune());
    }

    [Fact]
    public async Task ShouldPrune_BeforeWarmup_DoesNotPrune()
    {
        var study = await Study.CreateAsync("m", pruner: new MedianPruner(nStartupTrials: 1, nWarmupSteps: 5), cancellationToken: TestContext.Current.CancellationToken);
        var done = study.Ask();
        done.Report(0, 1);
        study.Tell(done, 0);
        var t = study.Ask();
        t.Report(100, 1);
        Assert.False(t.ShouldPrune());
    }
}
