using Gyre.Core;
using Gyre.Stores.Sqlite;
using Gyre.Tracking.Artifacts;

namespace Gyre.Tracking.Tests;

public sealed class TrackedRunTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private SqliteTrackingStore? store;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        store?.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task StartAsync_NewExperimentName_CreatesExperimentAndRunningRunWithNameTag()
    {
        var (store, artifacts) = await OpenAsync();
        await using var run = await TrackedRun.StartAsync(store, artifacts, "fraud", "first", [new Tag(RunContext.UserTag, "ada")], null, Ct);

        var stored = await store.GetRunAsync(run.Id, Ct);
        var experiment = await store.FindExperimentByNameAsync("fraud", Ct);
        Assert.NotNull(experiment);
        Assert.Equal(experiment.Id, stored.Info.ExperimentId);
        Assert.Equal(RunStatus.Running, stored.Info.Status);
        Assert.Equal("ada", stored.Info.UserId);
        Assert.Contains(stored.Data.Tags, t => t.Key == RunContext.RunNameTag && t.Value == "first");
        await run.EndAsync(Ct);
    }

    [Fact]
    public async Task DisposeAsync_RunNotEnded_MarksItFailedWithEndTime()
    {
        var (store, artifacts) = await OpenAsync();
        RunId id;
        await using (var run = await TrackedRun.StartAsync(store, artifacts, "e", "r", [], null, Ct))
        {
            id = run.Id;
        }

        var info = (await store.GetRunAsync(id, Ct)).Info;
        Assert.Equal(RunStatus.Failed, info.Status);
        Assert.NotNull(info.EndTime);
    }

    [Fact]
    public async Task EndAsync_Twice_ThrowsInvalidStateAndKeepsFirstStatus()
    {
        var (store, artifacts) = await OpenAsync();
        await using var run = await TrackedRun.StartAsync(store, artifacts, "e", "r", [], null, Ct);
        await run.KillAsync(Ct);

        var ex = await Assert.ThrowsAsync<GyreException>(() => run.EndAsync(Ct));
        Assert.Equal(ErrorKind.InvalidState, ex.Kind);
        Assert.Equal(RunStatus.Killed, (await store.GetRunAsync(run.Id, Ct)).Info.Status);
    }

    [Fact]
    public async Task LogParamsAndMetrics_MoreThanOneBatch_AreAllStored()
    {
        var (store, artifacts) = await OpenAsync();
        await using var run = await TrackedRun.StartAsync(store, artifacts, "e", "r", [], null, Ct);
        var parameters = Enumerable.Range(0, 250).Select(i => KeyValuePair.Create($"p{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var metrics = Enumerable.Range(0, 2500).Select(i => KeyValuePair.Create($"m{i}", (double)i));

        await run.LogParamsAsync(parameters, Ct);
        await run.LogMetricsAsync(metrics, 3, Ct);
        await run.EndAsync(Ct);

        var data = (await store.GetRunAsync(run.Id, Ct)).Data;
        Assert.Equal(250, data.Params.Count);
        Assert.Equal(2500, data.Metrics.Count);
        Assert.All(data.Metrics, m => Assert.Equal(3, m.Step));
    }

    [Fact]
    public async Task LogMetricSeriesAsync_MoreThanOneBatch_StoresEveryStepAndLatestIsLastStep()
    {
        var (store, artifacts) = await OpenAsync();
        await using var run = await TrackedRun.StartAsync(store, artifacts, "e", "r", [], null, Ct);

        await run.LogMetricSeriesAsync("iteration_rmse", Enumerable.Range(1, 2500).Select(i => ((long)i, 1.0 / i)), Ct);
        await run.EndAsync(Ct);

        var history = await store.GetMetricHistoryAsync(run.Id, "iteration_rmse", Ct);
        Assert.Equal(Enumerable.Range(1, 2500).Select(i => (long)i), history.Select(m => m.Step).Order());
        Assert.All(history, m => Assert.Equal(1.0 / m.Step, m.Value));
        var latest = Assert.Single((await store.GetRunAsync(run.Id, Ct)).Data.Metrics);
        Assert.Equal(2500, latest.Step);
    }

    [Fact]
    public async Task LogArtifactAsync_File_IsListedUnderTheRun()
    {
        var (store, artifacts) = await OpenAsync();
        await using var run = await TrackedRun.StartAsync(store, artifacts, "e", "r", [], null, Ct);
        var file = folder.Combine("metrics.json");
        await File.WriteAllTextAsync(file, "{}", Ct);

        await run.LogArtifactAsync(file, null, Ct);

        var listed = await artifacts.ListArtifactsAsync(run.Info.ExperimentId, run.Id, null, Ct);
        Assert.Contains(listed, a => a.Path == "metrics.json" && a.FileSize == 2);
        await run.EndAsync(Ct);
    }

    private async Task<(ITrackingStore Store, IArtifactStore Artifacts)> OpenAsync()
    {
        var root = folder.Combine("artifacts");
        store = await SqliteTrackingStore.OpenAsync(folder.Combine("gyre.db"), root, TimeProvider.System, Ct);
        return (store, new LocalArtifactStore(root));
    }
}
