using System.Collections.Concurrent;
using Gyre.Core;
using Gyre.Tuning.Distributions;
using Gyre.Tuning.Pruners;
using Gyre.Tuning.Samplers;

namespace Gyre.Tuning.Tests;

public sealed class OptimizeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<Study> NewStudyAsync(IStudyStorage? storage = null, string name = "s") =>
        Study.CreateAsync(name, StudyDirection.Minimize, new RandomSampler(3), new NopPruner(), storage, Ct);

    [Fact]
    public async Task OptimizeAsync_FourWorkers_RunsExactlyTheTrialCountConcurrently()
    {
        var study = await NewStudyAsync();
        var running = 0;
        var peak = 0;
        await study.OptimizeAsync(async (t, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(20, ct);
            Interlocked.Decrement(ref running);
            return t.SuggestFloat("x", 0, 1);
        }, new OptimizeOptions { Trials = 20, Workers = 4 }, Ct);

        Assert.Equal(Enumerable.Range(0, 20), study.Trials.Select(t => t.Number));
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.True(peak > 1, $"expected concurrent trials, peak was {peak}");
        Assert.True(peak <= 4, $"at most 4 workers may run at once, peak was {peak}");
    }

    [Fact]
    public async Task OptimizeAsync_StudyBudget_SharedByTwoStudyObjects_StopsAtBudgetAndReplacesFailures()
    {
        // Two Study objects on one storage stand for two processes on one study.
        var storage = new InMemoryStudyStorage();
        var a = await NewStudyAsync(storage);
        var b = await NewStudyAsync(storage);
        var failures = 0;
        Task<double> Objective(Trial t, CancellationToken ct) =>
            Interlocked.Increment(ref failures) <= 3 ? throw new InvalidOperationException("flaky") : Task.FromResult(t.SuggestFloat("x", 0, 1));
        var options = new OptimizeOptions { StudyTrials = 12, Workers = 2 };

        await Task.WhenAll(a.OptimizeAsync(Objective, options, Ct), b.OptimizeAsync(Objective, options, Ct));

        var trials = a.Trials;
        Assert.Equal(12, trials.Count(t => t.State == TrialState.Complete));
        Assert.Equal(3, trials.Count(t => t.State == TrialState.Fail));
        Assert.Equal(Enumerable.Range(0, 15), trials.Select(t => t.Number));
    }

    [Fact]
    public async Task OptimizeAsync_StudyBudgetAlreadySpent_RunsNothing()
    {
        var storage = new InMemoryStudyStorage();
        var first = await NewStudyAsync(storage);
        first.Optimize(t => t.SuggestFloat("x", 0, 1), trials: 5, cancellationToken: Ct);
        var resumed = await NewStudyAsync(storage);

        await resumed.OptimizeAsync((t, _) => Task.FromResult(t.SuggestFloat("x", 0, 1)), new OptimizeOptions { StudyTrials = 5 }, Ct);

        Assert.Equal(5, resumed.Trials.Count);
    }

    [Fact]
    public async Task OptimizeAsync_Timeout_StopsStartingTrials()
    {
        var study = await NewStudyAsync();
        await study.OptimizeAsync(async (t, ct) => { await Task.Delay(30, ct); return 1; },
            new OptimizeOptions { Timeout = TimeSpan.FromMilliseconds(100) }, Ct);
        Assert.InRange(study.Trials.Count, 1, 10);
    }

    [Fact]
    public async Task OptimizeAsync_Cancelled_StopsAndMarksRunningTrialFailed()
    {
        var study = await NewStudyAsync();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await study.OptimizeAsync(async (t, ct) =>
        {
            if (t.Number == 2) await cts.CancelAsync();
            ct.ThrowIfCancellationRequested();
            return 1;
        }, new OptimizeOptions { Trials = 10 }, cts.Token);
        Assert.Equal(3, study.Trials.Count);
        Assert.Equal("Cancelled.", study.Trials[2].ErrorMessage);
    }

    [Fact]
    public async Task OptimizeAsync_TrialFinished_CalledOncePerTrialWithFinalState()
    {
        var study = await NewStudyAsync();
        var seen = new ConcurrentBag<FrozenTrial>();
        await study.OptimizeAsync((t, _) => t.Number % 2 == 0 ? Task.FromResult(1.0) : throw new TrialPrunedException(),
            new OptimizeOptions { Trials = 6, Workers = 2, TrialFinished = (_, t) => seen.Add(t) }, Ct);
        Assert.Equal(Enumerable.Range(0, 6), seen.Select(t => t.Number).Order());
        Assert.All(seen, t => Assert.Equal(t.Number % 2 == 0 ? TrialState.Complete : TrialState.Pruned, t.State));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task OptimizeAsync_BadWorkerCount_ThrowsNamingWorkers(int workers)
    {
        var study = await NewStudyAsync();
        var ex = await Assert.ThrowsAsync<GyreException>(() =>
            study.OptimizeAsync((_, _) => Task.FromResult(1.0), new OptimizeOptions { Trials = 1, Workers = workers }, Ct));
        Assert.Contains("workers", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_ExistingNameOtherDirection_Throws()
    {
        var storage = new InMemoryStudyStorage();
        await NewStudyAsync(storage);
        var ex = await Assert.ThrowsAsync<GyreException>(() =>
            Study.CreateAsync("s", StudyDirection.Maximize, storage: storage, cancellationToken: Ct));
        Assert.Contains("Minimize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trials_AfterOtherWorkerFinishesTrial_SeesTheNewState()
    {
        var storage = new InMemoryStudyStorage();
        var a = await NewStudyAsync(storage);
        var b = await NewStudyAsync(storage);
        var trial = a.Ask();
        Assert.Equal(TrialState.Running, b.Trials[0].State);
        a.Tell(trial, 4.0);
        Assert.Equal(4.0, b.Trials[0].Value);
        Assert.Equal(TrialState.Complete, b.Trials[0].State);
    }

    [Fact]
    public async Task Ask_StoresRelativeSampleAsSystemAttr()
    {
        var study = await Study.CreateAsync("r", StudyDirection.Minimize, new FixedRelativeSampler(), new NopPruner(), cancellationToken: Ct);
        var trial = study.Ask();
        Assert.Equal(0.25, trial.SuggestFloat("x", 0, 1));
        Assert.Contains("\"x\"", study.Trials[0].SystemAttrs[Study.RelativeParamsAttr], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetUserAttr_IsStoredOnTheTrial()
    {
        var study = await NewStudyAsync();
        var trial = study.Ask();
        trial.SetUserAttr("run_id", "abc");
        Assert.Equal("abc", study.Trials[0].UserAttrs["run_id"]);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }

    /// <summary>Proposes x = 0.25 for every trial through the relative (joint) path.</summary>
    private sealed class FixedRelativeSampler : ISampler
    {
        public IReadOnlyDictionary<string, ParameterDistribution> InferRelativeSearchSpace(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial) =>
            new Dictionary<string, ParameterDistribution> { ["x"] = new FloatDistribution(0, 1) };

        public IReadOnlyDictionary<string, double> SampleRelative(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial, IReadOnlyDictionary<string, ParameterDistribution> searchSpace) =>
            new Dictionary<string, double> { ["x"] = 0.25 };

        public double SampleIndependent(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial, string name, ParameterDistribution distribution) => 0.5;
    }
}
