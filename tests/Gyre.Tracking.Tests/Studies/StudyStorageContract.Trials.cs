using Gyre.Core;
using Gyre.Tuning;
using Gyre.Tuning.Distributions;

namespace Gyre.Tracking.Tests.Studies;

/// <summary>Trial numbering, budgets, recorded values and the Running-only rule.</summary>
public abstract partial class StudyStorageContract
{
    [Fact]
    public async Task CreateTrialAsync_NumbersFromZeroPerStudy_RunningWithStartTime()
    {
        var a = await NewStudyAsync("a");
        var b = await NewStudyAsync("b");

        Assert.Equal(0, await Storage.CreateTrialAsync(a, Ct));
        Assert.Equal(1, await Storage.CreateTrialAsync(a, Ct));
        Assert.Equal(0, await Storage.CreateTrialAsync(b, Ct));
        var trial = await Storage.GetTrialAsync(a, 1, Ct);
        Assert.Equal((TrialState.Running, ClockStart, (DateTimeOffset?)null), (trial.State, trial.StartedAt, trial.CompletedAt));
        Assert.Empty(trial.Params);
    }

    [Fact]
    public async Task TryCreateTrialAsync_ConcurrentWithBudget_CreatesExactlyBudgetTrialsNumberedWithoutGaps()
    {
        const int budget = 25;
        var study = await NewStudyAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => Task.Run(() => Storage.TryCreateTrialAsync(study, budget, Ct), Ct)));

        Assert.Equal(Enumerable.Range(0, budget), results.OfType<int>().Order());
        Assert.Equal(60 - budget, results.Count(r => r is null));
        Assert.Equal(Enumerable.Range(0, budget), (await Storage.GetTrialsAsync(study, Ct)).Select(t => t.Number));
    }

    [Fact]
    public async Task TryCreateTrialAsync_ConcurrentWithoutBudget_NumbersAreUniqueAndGapFree()
    {
        var study = await NewStudyAsync();

        var numbers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => Storage.CreateTrialAsync(study, Ct), Ct)));

        Assert.Equal(Enumerable.Range(0, 40), numbers.Order());
    }

    [Fact]
    public async Task TryCreateTrialAsync_Budget_CountsRunningCompletePrunedButNotFailed()
    {
        var study = await NewStudyAsync();
        await Storage.CreateTrialAsync(study, Ct); // 0 stays Running
        await Storage.FinishTrialAsync(study, await Storage.CreateTrialAsync(study, Ct), TrialState.Complete, 1, null, Ct);
        await Storage.FinishTrialAsync(study, await Storage.CreateTrialAsync(study, Ct), TrialState.Pruned, 2, null, Ct);
        await Storage.FinishTrialAsync(study, await Storage.CreateTrialAsync(study, Ct), TrialState.Fail, null, "boom", Ct);

        Assert.Null(await Storage.TryCreateTrialAsync(study, 3, Ct));
        Assert.Equal(4, await Storage.TryCreateTrialAsync(study, 4, Ct));
        Assert.Null(await Storage.TryCreateTrialAsync(study, 4, Ct));
    }

    [Fact]
    public async Task SetParamAsync_EveryDistributionKind_RoundTripsDistributionAndExternalValue()
    {
        var study = await NewStudyAsync();
        var number = await Storage.CreateTrialAsync(study, Ct);
        var distributions = new Dictionary<string, (ParameterDistribution Distribution, double Internal)>
        {
            ["lr"] = (new FloatDistribution(1e-5, 0.1, log: true), 0.00123456789012345),
            ["frac"] = (new FloatDistribution(0.1, 1.0, step: 0.3), 0.7),
            ["plain"] = (new FloatDistribution(-2.5, 2.5), -1.0 / 3),
            ["units"] = (new IntDistribution(1, 1024, log: true), 64),
            ["depth"] = (new IntDistribution(3, 20, step: 4), 7),
            ["mixed"] = (new CategoricalDistribution(["gini", 1L, 1.0, true, null, double.NaN, 2.5]), 2),
            ["mixed_null"] = (new CategoricalDistribution(["a", null]), 1),
        };
        foreach (var (name, (distribution, value)) in distributions)
        {
            await Storage.SetParamAsync(study, number, name, distribution, value, Ct);
        }

        var trial = await Storage.GetTrialAsync(study, number, Ct);

        foreach (var (name, (distribution, value)) in distributions)
        {
            TrialAssert.SameDistribution(distribution, trial.Distributions[name]);
            Assert.Equal(distribution.ToExternal(value), trial.Params[name]);
        }

        Assert.Equal(19L, ((IntDistribution)trial.Distributions["depth"]).High); // 3 + 4k <= 20, adjusted at construction and kept
        Assert.IsType<double>(trial.Params["mixed"]);
        Assert.Null(trial.Params["mixed_null"]);
    }

    [Fact]
    public async Task WritesToARunningTrial_AreRecordedAndOverwrite()
    {
        var study = await NewStudyAsync();
        var number = await Storage.CreateTrialAsync(study, Ct);
        await Storage.ReportIntermediateAsync(study, number, 0, 1.5, Ct);
        await Storage.ReportIntermediateAsync(study, number, 0, 1.25, Ct);
        await Storage.ReportIntermediateAsync(study, number, 7, -3, Ct);
        await Storage.SetTrialUserAttrAsync(study, number, "run", "r1", Ct);
        await Storage.SetTrialUserAttrAsync(study, number, "run", "r2", Ct);
        await Storage.SetTrialSystemAttrAsync(study, number, "completed_rung_0", "0.5", Ct);
        Clock.Advance(TimeSpan.FromSeconds(3));
        await Storage.FinishTrialAsync(study, number, TrialState.Complete, 0.125, null, Ct);

        var trial = await Storage.GetTrialAsync(study, number, Ct);

        Assert.Equal(new Dictionary<long, double> { [0] = 1.25, [7] = -3 }, trial.IntermediateValues);
        Assert.Equal(new Dictionary<string, string> { ["run"] = "r2" }, trial.UserAttrs);
        Assert.Equal(new Dictionary<string, string> { ["completed_rung_0"] = "0.5" }, trial.SystemAttrs);
        Assert.Equal((TrialState.Complete, 0.125, (DateTimeOffset?)ClockStart.AddSeconds(3)), (trial.State, trial.Value, trial.CompletedAt));
        Assert.Equal(7L, trial.LastStep);
    }

    [Fact]
    public async Task FinishTrialAsync_FailWithError_RecordsIt()
    {
        var study = await NewStudyAsync();
        var number = await Storage.CreateTrialAsync(study, Ct);

        await Storage.FinishTrialAsync(study, number, TrialState.Fail, null, "objective threw", Ct);

        var trial = await Storage.GetTrialAsync(study, number, Ct);
        Assert.Equal((TrialState.Fail, (double?)null, "objective threw"), (trial.State, trial.Value, trial.ErrorMessage));
    }

    [Theory]
    [InlineData(TrialState.Running)]
    [InlineData(TrialState.Waiting)]
    public async Task FinishTrialAsync_NotAFinalState_ThrowsInvalidInput(TrialState state)
    {
        var study = await NewStudyAsync();
        var number = await Storage.CreateTrialAsync(study, Ct);

        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Storage.FinishTrialAsync(study, number, state, 1, null, Ct));
    }

    [Theory]
    [InlineData(TrialState.Complete)]
    [InlineData(TrialState.Pruned)]
    [InlineData(TrialState.Fail)]
    public async Task WritesToAFinishedTrial_ThrowInvalidStateAndChangeNothing(TrialState finished)
    {
        var study = await NewStudyAsync();
        var number = await Storage.CreateTrialAsync(study, Ct);
        await Storage.FinishTrialAsync(study, number, finished, 1, null, Ct);
        var before = await Storage.GetTrialAsync(study, number, Ct);

        await AssertThrowsGyreAsync(ErrorKind.InvalidState, () => Storage.SetParamAsync(study, number, "x", new FloatDistribution(0, 1), 0.5, Ct));
        await AssertThrowsGyreAsync(ErrorKind.InvalidState, () => Storage.ReportIntermediateAsync(study, number, 1, 0.5, Ct));
        await AssertThrowsGyreAsync(ErrorKind.InvalidState, () => Storage.SetTrialUserAttrAsync(study, number, "k", "v", Ct));
        await AssertThrowsGyreAsync(ErrorKind.InvalidState, () => Storage.SetTrialSystemAttrAsync(study, number, "k", "v", Ct));
        await AssertThrowsGyreAsync(ErrorKind.InvalidState, () => Storage.RecordHeartbeatAsync(study, number, Ct));
        await AssertThrowsGyreAsync(ErrorKind.InvalidState, () => Storage.FinishTrialAsync(study, number, TrialState.Complete, 2, null, Ct));

        TrialAssert.Equal(before, await Storage.GetTrialAsync(study, number, Ct));
    }

    [Fact]
    public async Task GetTrialsAsync_FromNumber_ReturnsThatTrialAndLaterInOrder()
    {
        var study = await NewStudyAsync();
        for (var i = 0; i < 6; i++)
        {
            var number = await Storage.CreateTrialAsync(study, Ct);
            await Storage.SetParamAsync(study, number, "x", new IntDistribution(0, 10), i, Ct);
            await Storage.SetTrialUserAttrAsync(study, number, "i", i.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct);
        }

        var tail = await Storage.GetTrialsAsync(study, 4, Ct);

        Assert.Equal([4, 5], tail.Select(t => t.Number));
        Assert.Equal([4L, 5L], tail.Select(t => t.Params["x"]));
        Assert.Equal(["4", "5"], tail.Select(t => t.UserAttrs["i"]));
        Assert.Empty(await Storage.GetTrialsAsync(study, 6, Ct));
        Assert.Equal(6, (await Storage.GetTrialsAsync(study, Ct)).Count);
    }
}
