using Gyre.Tuning;

namespace Gyre.Tracking.Tests.Studies;

/// <summary>Heartbeats and the failing of stale trials.</summary>
public abstract partial class StudyStorageContract
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task FailStaleTrialsAsync_FailsOnlyRunningTrialsOlderThanTheGracePeriod()
    {
        var study = await NewStudyAsync();
        var silent = await Storage.CreateTrialAsync(study, Ct);
        var beating = await Storage.CreateTrialAsync(study, Ct);
        var finished = await Storage.CreateTrialAsync(study, Ct);
        await Storage.FinishTrialAsync(study, finished, TrialState.Complete, 1, null, Ct);
        Clock.Advance(TimeSpan.FromSeconds(8));
        await Storage.RecordHeartbeatAsync(study, beating, Ct);
        Clock.Advance(TimeSpan.FromSeconds(3)); // silent: 11 s since its last beat; beating: 3 s
        var fresh = await Storage.CreateTrialAsync(study, Ct);

        var failed = await Storage.FailStaleTrialsAsync(study, Grace, Ct);

        Assert.Equal([silent], failed);
        var trials = await Storage.GetTrialsAsync(study, Ct);
        Assert.Equal(
            [TrialState.Fail, TrialState.Running, TrialState.Complete, TrialState.Running],
            trials.Select(t => t.State));
        Assert.Equal(StaleTrials.ErrorMessage(Grace), trials[silent].ErrorMessage);
        Assert.Equal(ClockStart.AddSeconds(11), trials[silent].CompletedAt);
        Assert.Equal(fresh, trials[^1].Number);
    }

    [Fact]
    public async Task FailStaleTrialsAsync_AtExactlyTheGracePeriod_KeepsTheTrial()
    {
        var study = await NewStudyAsync();
        await Storage.CreateTrialAsync(study, Ct);
        Clock.Advance(Grace);

        Assert.Empty(await Storage.FailStaleTrialsAsync(study, Grace, Ct));
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([0], await Storage.FailStaleTrialsAsync(study, Grace, Ct));
    }

    [Fact]
    public async Task FailStaleTrialsAsync_ManyCallersAtOnce_FailEachStaleTrialExactlyOnce()
    {
        var study = await NewStudyAsync();
        for (var i = 0; i < 8; i++)
        {
            await Storage.CreateTrialAsync(study, Ct);
        }

        Clock.Advance(Grace + TimeSpan.FromSeconds(1));

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Storage.FailStaleTrialsAsync(study, Grace, Ct), Ct)));

        Assert.Equal(Enumerable.Range(0, 8), results.SelectMany(r => r).Order());
        Assert.All(await Storage.GetTrialsAsync(study, Ct), t => Assert.Equal(TrialState.Fail, t.State));
    }

    [Fact]
    public async Task FailedStaleTrial_CannotBeCompletedLate_AndIsReplacedUnderABudget()
    {
        var study = await NewStudyAsync();
        var dead = (await Storage.TryCreateTrialAsync(study, 1, Ct))!.Value;
        Assert.Null(await Storage.TryCreateTrialAsync(study, 1, Ct));
        Clock.Advance(Grace + TimeSpan.FromSeconds(1));
        await Storage.FailStaleTrialsAsync(study, Grace, Ct);

        await AssertThrowsGyreAsync(Core.ErrorKind.InvalidState, () => Storage.FinishTrialAsync(study, dead, TrialState.Complete, 1, null, Ct));
        await AssertThrowsGyreAsync(Core.ErrorKind.InvalidState, () => Storage.RecordHeartbeatAsync(study, dead, Ct));
        Assert.Equal(1, await Storage.TryCreateTrialAsync(study, 1, Ct));
    }
}
