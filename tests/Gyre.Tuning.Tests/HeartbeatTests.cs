using Gyre.Core;
using Gyre.Tuning.Pruners;
using Gyre.Tuning.Samplers;

namespace Gyre.Tuning.Tests;

public sealed class HeartbeatTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryAsk_TrialOfDeadWorker_IsFailedAfterGracePeriod()
    {
        var clock = new ManualClock();
        var storage = new InMemoryStudyStorage(clock);
        var crashed = await Study.CreateAsync("s", StudyDirection.Minimize, new RandomSampler(1), new NopPruner(), storage, TimeSpan.FromHours(1), Ct);
        var orphan = crashed.Ask(); // its worker "dies": the timer (1 h) never fires in this test
        var alive = await Study.CreateAsync("s", StudyDirection.Minimize, new RandomSampler(2), new NopPruner(), storage, TimeSpan.FromHours(1), Ct);

        clock.Advance(TimeSpan.FromHours(1.5));
        alive.Ask();
        Assert.Equal(TrialState.Running, alive.Trials[orphan.Number].State); // within 2 × interval

        clock.Advance(TimeSpan.FromHours(1));
        alive.Ask();
        var failed = alive.Trials[orphan.Number];
        Assert.Equal(TrialState.Fail, failed.State);
        Assert.Contains("heartbeat", failed.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        var late = Assert.Throws<GyreException>(() => crashed.Tell(orphan, 1.0));
        Assert.Equal(ErrorKind.InvalidState, late.Kind);
    }

    [Fact]
    public async Task RunningTrial_SendsHeartbeats_SoItIsNotFailed()
    {
        var storage = new InMemoryStudyStorage();
        var study = await Study.CreateAsync("s", StudyDirection.Minimize, new RandomSampler(1), new NopPruner(), storage, TimeSpan.FromMilliseconds(50), Ct);
        await study.OptimizeAsync(async (t, ct) =>
        {
            // Sleep far longer than the grace period (100 ms); heartbeats keep the trial alive.
            await Task.Delay(600, ct);
            var stale = await storage.FailStaleTrialsAsync(study.StudyId, TimeSpan.FromMilliseconds(400), ct);
            Assert.Empty(stale);
            return 1;
        }, new OptimizeOptions { Trials = 1 }, Ct);
        Assert.Equal(TrialState.Complete, Assert.Single(study.Trials).State);
    }

    [Fact]
    public async Task CreateAsync_NonPositiveHeartbeat_Throws()
    {
        var ex = await Assert.ThrowsAsync<GyreException>(() =>
            Study.CreateAsync("s", StudyDirection.Minimize, null, null, null, TimeSpan.Zero, Ct));
        Assert.Contains("heartbeat", ex.Message, StringComparison.Ordinal);
    }
}
