using Gyre.Core;
using Gyre.Tuning.Pruners;
using Gyre.Tuning.Samplers;

namespace Gyre.Tuning.Tests;

public sealed class StudyTests
{
    private static Task<Study> NewStudyAsync(StudyDirection direction = StudyDirection.Minimize, IPruner? pruner = null) =>
        Study.CreateAsync("s", direction, new RandomSampler(1), pruner ?? new NopPruner(), cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task SuggestFloat_SameNameTwice_ReturnsSameValue()
    {
        var study = await NewStudyAsync();
        var trial = study.Ask();
        Assert.Equal(trial.SuggestFloat("x", 0, 1), trial.SuggestFloat("x", 0, 1));
    }

    [Fact]
    public async Task SuggestFloat_SameNameDifferentDistribution_Throws()
    {
        var study = await NewStudyAsync();
        var trial = study.Ask();
        trial.SuggestFloat("x", 0, 1);
        var ex = Assert.Throws<GyreException>(() => trial.SuggestFloat("x", 0, 2));
        Assert.Contains("'x'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Optimize_ObjectiveThrows_RecordsFailAndContinues()
    {
        var study = await NewStudyAsync();
        study.Optimize(t => t.Number == 1 ? throw new InvalidOperationException("boom") : t.Number, 3, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([TrialState.Complete, TrialState.Fail, TrialState.Complete], study.Trials.Select(t => t.State));
        Assert.Contains("boom", study.Trials[1].ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Optimize_CatchDisabled_RecordsFailAndRethrows()
    {
        var study = await NewStudyAsync();
        study.CatchObjectiveExceptions = false;
        Assert.Throws<InvalidOperationException>(() =>
            study.Optimize(_ => throw new InvalidOperationException("boom"), 3, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(TrialState.Fail, Assert.Single(study.Trials).State);
    }

    [Fact]
    public async Task Optimize_TrialPrunedException_RecordsPruned()
    {
        var study = await NewStudyAsync();
        study.Optimize(t => { t.Report(5, 0); throw new TrialPrunedException(); }, 1, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(TrialState.Pruned, study.Trials[0].State);
        Assert.Equal(5, study.Trials[0].Value);
    }

    [Fact]
    public async Task Optimize_NaNValue_RecordsFail()
    {
        var study = await NewStudyAsync();
        study.Optimize(_ => double.NaN, 1, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(TrialState.Fail, study.Trials[0].State);
    }

    [Fact]
    public async Task Optimize_CancelledInsideObjective_StopsAfterThatTrial()
    {
        var study = await NewStudyAsync();
        using var cts = new CancellationTokenSource();
        study.Optimize(t => { if (t.Number == 2) cts.Cancel(); return 1; }, 100, cancellationToken: cts.Token);
        Assert.Equal(3, study.Trials.Count);
    }

    [Fact]
    public async Task Optimize_ZeroTimeout_RunsNoTrial()
    {
        var study = await NewStudyAsync();
        study.Optimize(_ => 1, timeout: TimeSpan.Zero, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(study.Trials);
    }

    [Fact]
    public async Task BestTrial_Maximize_PicksLargest()
    {
        var study = await NewStudyAsync(StudyDirection.Maximize);
        foreach (var v in new[] { 1.0, 5.0, 3.0 }) study.Tell(study.Ask(), v);
        Assert.Equal(1, study.BestTrial.Number);
        Assert.Equal(5, study.BestValue);
    }

    [Fact]
    public async Task Tell_AlreadyFinished_Throws()
    {
        var study = await NewStudyAsync();
        var trial = study.Ask();
        study.Tell(trial, 1);
        Assert.Throws<GyreException>(() => study.Tell(trial, 2));
    }

    [Fact]
    public async Task Ask_ParallelWorkers_NumbersUniqueAndGapFree()
    {
        var study = await NewStudyAsync();
        var numbers = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, 200, _ => { var t = study.Ask(); t.SuggestFloat("x", 0, 1); numbers.Add(t.Number); study.Tell(t, 0); });
        Assert.Equal(Enumerable.Range(0, 200), numbers.Order());
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
    }
}
