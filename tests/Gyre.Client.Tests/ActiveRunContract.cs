using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tracking.Tests;

namespace Gyre.Client.Tests;

/// <summary>
/// What a run handle guarantees whatever store is behind it: background batching that loses, duplicates
/// and reorders nothing, flushing on dispose, and store failures surfacing on flush or dispose. Each
/// backend's test class supplies a fresh <see cref="TrackingClient"/>.
/// </summary>
public abstract class ActiveRunContract : IAsyncLifetime
{
    private TrackingClient? client;

    protected TrackingClient Client => client ?? throw new InvalidOperationException("The client is created in InitializeAsync.");

    protected ITrackingStore Store => Client.Store;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Options for clients whose runs only flush when a batch fills up or on request (no timer).</summary>
    protected static TrackingClientOptions ManualFlush { get; } = new() { FlushInterval = Timeout.InfiniteTimeSpan };

    /// <summary>A client on a new, empty store with <paramref name="options"/>.</summary>
    protected abstract Task<TrackingClient> CreateClientAsync(TrackingClientOptions options, CancellationToken cancellationToken);

    protected abstract ValueTask DisposeClientAsync(TrackingClient client);

    public async ValueTask InitializeAsync() => client = await CreateClientAsync(ManualFlush, Ct);

    public async ValueTask DisposeAsync()
    {
        if (client is not null)
        {
            await DisposeClientAsync(client);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task LogMetric_EightThreadsTenThousandPoints_EachArrivesOnceInLoggingOrderPerKey()
    {
        const int Threads = 8;
        const int PerThread = 1250;
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        RunId runId;
        await using (var run = await Client.StartRunAsync("concurrent", cancellationToken: Ct))
        {
            runId = run.Id;

            // Same step and timestamp for every point: the history of a key can then only be in insertion
            // order, so the values 0, 1, 2, ... prove that each thread's points arrived in the order logged.
            await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(
                () =>
                {
                    for (var i = 0; i < PerThread; i++)
                    {
                        run.LogMetric($"thread{thread}", i, step: 0, timestamp);
                        run.LogMetric("shared", (thread * PerThread) + i, step: 0, timestamp);
                    }
                },
                Ct)));
        }

        for (var thread = 0; thread < Threads; thread++)
        {
            var history = await Store.GetMetricHistoryAsync(runId, $"thread{thread}", Ct);
            Assert.Equal(Enumerable.Range(0, PerThread).Select(i => (double)i), history.Select(m => m.Value));
        }

        var shared = await Store.GetMetricHistoryAsync(runId, "shared", Ct);
        Assert.Equal(Enumerable.Range(0, Threads * PerThread).Select(i => (double)i), shared.Select(m => m.Value).Order());
        for (var thread = 0; thread < Threads; thread++)
        {
            var ofThread = shared.Select(m => (int)m.Value).Where(v => v / PerThread == thread).ToList();
            Assert.Equal(ofThread.Order(), ofThread);
        }
    }

    [Fact]
    public async Task DisposeAsync_QueuedEntries_SendsThemAndEndsTheRunFinished()
    {
        RunId runId;
        await using (var run = await Client.StartRunAsync("dispose", "first", new Dictionary<string, string> { ["team"] = "fraud" }, Ct))
        {
            runId = run.Id;
            run.LogParam("learning_rate", 0.05);
            run.LogMetric("loss", 0.7, step: 1);
            run.LogMetric("loss", 0.5, step: 2);
            run.SetTag("stage", "candidate");
        }

        var stored = await Store.GetRunAsync(runId, Ct);
        Assert.Equal(RunStatus.Finished, stored.Info.Status);
        Assert.NotNull(stored.Info.EndTime);
        Assert.Equal("first", stored.Info.RunName);
        Assert.Equal([new Param("learning_rate", "0.05")], stored.Data.Params);
        Assert.Equal([(2L, 0.5)], stored.Data.Metrics.Select(m => (m.Step, m.Value)));
        Assert.Contains(new Tag("stage", "candidate"), stored.Data.Tags);
        Assert.Contains(new Tag("team", "fraud"), stored.Data.Tags);
        Assert.Contains(stored.Data.Tags, t => t.Key == RunContext.UserTag);
        Assert.Equal([0.7, 0.5], (await Store.GetMetricHistoryAsync(runId, "loss", Ct)).Select(m => m.Value));
    }

    [Fact]
    public async Task FlushAsync_QueuedEntries_AreInTheStoreWhenItReturns()
    {
        await using var run = await Client.StartRunAsync("flush", cancellationToken: Ct);
        run.LogMetric("auc", 0.91);
        run.LogParam("trainer", "lightgbm");

        await run.FlushAsync(Ct);

        var stored = await Store.GetRunAsync(run.Id, Ct);
        Assert.Equal([0.91], stored.Data.Metrics.Select(m => m.Value));
        Assert.Equal([new Param("trainer", "lightgbm")], stored.Data.Params);
        Assert.Equal(RunStatus.Running, stored.Info.Status);
    }

    [Fact]
    public async Task FlushAsync_ParamChangedInTheStore_ThrowsOnceNamingItAndKeepsTheOtherEntries()
    {
        await using var run = await Client.StartRunAsync("conflict", cancellationToken: Ct);
        await Store.LogParamAsync(run.Id, new Param("lr", "0.1"), Ct);
        run.LogMetric("loss", 1.5, step: 0);
        run.LogParam("depth", "6");
        run.LogParam("lr", "0.2");
        run.LogMetric("loss", 1.25, step: 1);

        var error = await Assert.ThrowsAsync<GyreException>(() => run.FlushAsync(Ct));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("'lr'", error.Message, StringComparison.Ordinal);
        Assert.Contains(run.Id.Value, error.Message, StringComparison.Ordinal);
        var stored = await Store.GetRunAsync(run.Id, Ct);
        Assert.Equal([new Param("depth", "6"), new Param("lr", "0.1")], stored.Data.Params.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal([1.5, 1.25], (await Store.GetMetricHistoryAsync(run.Id, "loss", Ct)).Select(m => m.Value));
        await run.FlushAsync(Ct);
    }

    [Fact]
    public async Task DisposeAsync_UnreportedFailure_EndsTheRunThenThrowsIt()
    {
        var run = await Client.StartRunAsync("dispose-error", cancellationToken: Ct);
        await Store.LogParamAsync(run.Id, new Param("seed", "1"), Ct);
        run.LogParam("seed", "2");

        var error = await Assert.ThrowsAsync<GyreException>(async () => await run.DisposeAsync());

        Assert.Contains("'seed'", error.Message, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Finished, (await Store.GetRunAsync(run.Id, Ct)).Info.Status);
        await run.DisposeAsync();
    }

    [Fact]
    public async Task FlushAsync_SeveralFailures_ReportsThemAllInOrder()
    {
        await using var run = await Client.StartRunAsync("failures", cancellationToken: Ct);
        await Store.LogBatchAsync(run.Id, [], [new Param("a", "1"), new Param("b", "1")], [], Ct);
        run.LogParam("a", "2");
        run.LogParam("b", "2");

        var error = await Assert.ThrowsAsync<GyreException>(() => run.FlushAsync(Ct));

        var all = Assert.IsType<AggregateException>(error.InnerException).InnerExceptions;
        Assert.Equal(2, all.Count);
        Assert.Contains("'a'", all[0].Message, StringComparison.Ordinal);
        Assert.Contains("'b'", all[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndAsync_Failed_RecordsFailedAndDisposeKeepsIt()
    {
        var run = await Client.StartRunAsync("failed", cancellationToken: Ct);
        run.LogMetric("loss", 3);

        await run.EndAsync(RunStatus.Failed, Ct);
        await run.DisposeAsync();

        var stored = await Store.GetRunAsync(run.Id, Ct);
        Assert.Equal(RunStatus.Failed, stored.Info.Status);
        Assert.Equal(RunStatus.Failed, run.Info.Status);
        Assert.Single(stored.Data.Metrics);
    }

    [Fact]
    public async Task LogMetric_AfterEnd_ThrowsInvalidState()
    {
        await using var run = await Client.StartRunAsync("ended", cancellationToken: Ct);
        await run.EndAsync(cancellationToken: Ct);

        var error = Assert.Throws<GyreException>(() => run.LogMetric("late", 1));

        Assert.Equal(ErrorKind.InvalidState, error.Kind);
        await Assert.ThrowsAsync<GyreException>(() => run.EndAsync(cancellationToken: Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad*key")]
    [InlineData("../escape")]
    public async Task LogMetric_InvalidKey_ThrowsInvalidInputAtOnce(string key)
    {
        await using var run = await Client.StartRunAsync("keys", cancellationToken: Ct);

        var error = Assert.Throws<GyreException>(() => run.LogMetric(key, 1));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        await run.FlushAsync(Ct);
        Assert.Empty((await Store.GetRunAsync(run.Id, Ct)).Data.Metrics);
    }

    [Fact]
    public async Task LogParam_ValueOver6000Characters_ThrowsInvalidInputAtOnce()
    {
        await using var run = await Client.StartRunAsync("long", cancellationToken: Ct);

        Assert.Equal(ErrorKind.InvalidInput, Assert.Throws<GyreException>(() => run.LogParam("spec", new string('x', 6001))).Kind);
    }

    [Fact]
    public async Task LogParams_MoreThanOneBatchAndRepeatedKeys_StoresEachOnce()
    {
        await using var run = await Client.StartRunAsync("params", cancellationToken: Ct);
        var parameters = Enumerable.Range(0, 250).Select(i => KeyValuePair.Create($"p{i:D3}", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

        run.LogParams(parameters);
        run.LogParams(parameters.Take(10));
        await run.FlushAsync(Ct);

        var stored = await Store.GetRunAsync(run.Id, Ct);
        Assert.Equal(parameters.Select(p => new Param(p.Key, p.Value)), stored.Data.Params.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task LogMetric_QueueFarSmallerThanTheLog_BlocksUntilSentAndLosesNothing()
    {
        await using var small = new TrackingClient(Client.Store, Client.Artifacts, ManualFlush with { QueueCapacity = 7 });
        await using var run = await small.StartRunAsync("small-queue", cancellationToken: Ct);

        for (var i = 0; i < 3000; i++)
        {
            run.LogMetric("x", i, step: i);
        }

        await run.FlushAsync(Ct);
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => (double)i), (await Store.GetMetricHistoryAsync(run.Id, "x", Ct)).Select(m => m.Value));
    }

    [Fact]
    public async Task LogArtifactAsync_File_IsListedAndReadable()
    {
        using var folder = new TemporaryFolder();
        var file = folder.Combine("model.txt");
        await File.WriteAllTextAsync(file, "weights", Ct);
        await using var run = await Client.StartRunAsync("artifacts", cancellationToken: Ct);

        await run.LogArtifactAsync(file, "model", Ct);

        Assert.Equal([new ArtifactInfo("model/model.txt", false, 7)], await Client.Artifacts.ListArtifactsAsync(run.ExperimentId, run.Id, "model", Ct));
        await using var stream = await Client.Artifacts.OpenArtifactAsync(run.ExperimentId, run.Id, "model/model.txt", Ct);
        Assert.Equal("weights", await new StreamReader(stream).ReadToEndAsync(Ct));
    }

    [Fact]
    public async Task StartRunAsync_ExistingExperiment_ReusesIt()
    {
        await using var first = await Client.StartRunAsync("shared-experiment", cancellationToken: Ct);
        await using var second = await Client.StartRunAsync("shared-experiment", cancellationToken: Ct);

        Assert.Equal(first.ExperimentId, second.ExperimentId);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(RunStatus.Running, second.Info.Status);
    }

    [Fact]
    public async Task StartRunAsync_DeletedExperiment_ThrowsInvalidStateNamingIt()
    {
        var id = await Store.CreateExperimentAsync("gone", null, Ct);
        await Store.DeleteExperimentAsync(id, Ct);

        var error = await Assert.ThrowsAsync<GyreException>(() => Client.StartRunAsync("gone", cancellationToken: Ct));

        Assert.Equal(ErrorKind.InvalidState, error.Kind);
        Assert.Contains("'gone'", error.Message, StringComparison.Ordinal);
    }
}
