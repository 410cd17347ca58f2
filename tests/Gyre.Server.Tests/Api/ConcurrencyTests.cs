using Gyre.Server.Tests.Support;
using Gyre.Testing;
using Npgsql;

namespace Gyre.Server.Tests.Api;

/// <summary>
/// 8 concurrent HTTP clients each log 10,000 metric points through <c>runs/log-batch</c> (1000 per request) to their
/// own run, and 1000 more each into one shared run: every point must be stored exactly once.
/// </summary>
public sealed class ConcurrencyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Clients = 8;
    private const int PointsPerClient = 10_000;
    private const int BatchSize = 1000;
    private const int SharedPointsPerClient = 1000;
    private const int SharedBatchSize = 250;

    [Fact]
    public async Task LogBatch_EightConcurrentClientsOnSqlite_LoseAndDuplicateNothing() =>
        await RunAsync(fixture.Server.Address);

    [Fact]
    public async Task LogBatch_EightConcurrentClientsOnPostgres_LoseAndDuplicateNothing()
    {
        var postgres = await PostgresServer.GetAsync();
        var connection = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        using var folder = new TempFolder();
        try
        {
            await using (var server = await TrackingServer.StartAsync(
                new TrackingServerOptions { BackendStoreUri = PostgresUri(connection), ArtifactsDestination = folder.Combine("artifacts"), Port = 0 },
                TestContext.Current.CancellationToken))
            {
                await RunAsync(server.Address);
            }
        }
        finally
        {
            await postgres.DropDatabaseAsync(connection, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>An Npgsql connection string as the <c>postgresql://</c> URI <c>--backend-store-uri</c> takes.</summary>
    internal static string PostgresUri(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var credentials = settings.Password is null
            ? Uri.EscapeDataString(settings.Username!)
            : $"{Uri.EscapeDataString(settings.Username!)}:{Uri.EscapeDataString(settings.Password)}";
        return $"postgresql://{credentials}@{settings.Host}:{settings.Port}/{Uri.EscapeDataString(settings.Database!)}";
    }

    private static async Task RunAsync(Uri address)
    {
        using var setup = new MlflowHttp(address);
        var experimentId = await setup.CreateExperimentAsync();
        var sharedRun = await setup.CreateRunAsync(experimentId, "shared");
        var ownRuns = new string[Clients];
        for (var c = 0; c < Clients; c++)
        {
            ownRuns[c] = await setup.CreateRunAsync(experimentId, $"client-{c}");
        }

        using var start = new SemaphoreSlim(0, Clients);
        var workers = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            using var client = new MlflowHttp(address);
            await start.WaitAsync(TestContext.Current.CancellationToken);
            for (var batch = 0; batch < PointsPerClient / BatchSize; batch++)
            {
                await LogAsync(client, ownRuns[c], "loss", Enumerable.Range(batch * BatchSize, BatchSize).Select(step => Point(c, step)));
                var sharedStart = c * SharedPointsPerClient + (batch % (SharedPointsPerClient / SharedBatchSize)) * SharedBatchSize;
                if (batch < SharedPointsPerClient / SharedBatchSize)
                {
                    await LogAsync(client, sharedRun, "shared", Enumerable.Range(sharedStart, SharedBatchSize).Select(step => Point(c, step)));
                }
            }
        })).ToList();
        start.Release(Clients);
        await Task.WhenAll(workers);

        for (var c = 0; c < Clients; c++)
        {
            var history = await HistoryAsync(setup, ownRuns[c], "loss");
            Assert.Equal(PointsPerClient, history.Count);
            Assert.Equal(Enumerable.Range(0, PointsPerClient).Select(step => Point(c, step)), history);
        }

        var shared = await HistoryAsync(setup, sharedRun, "shared");
        Assert.Equal(Clients * SharedPointsPerClient, shared.Count);
        Assert.Equal(
            Enumerable.Range(0, Clients).SelectMany(c => Enumerable.Range(c * SharedPointsPerClient, SharedPointsPerClient).Select(step => Point(c, step))),
            shared);
    }

    /// <summary>The point client <paramref name="client"/> logs at <paramref name="step"/>: a value unique to both, so a swapped or duplicated point shows.</summary>
    private static (long Step, double Value, long Timestamp) Point(int client, int step) => (step, client * 1_000_000.0 + step + 0.5, 1_700_000_000_000L + step);

    private static async Task LogAsync(MlflowHttp client, string runId, string key, IEnumerable<(long Step, double Value, long Timestamp)> points)
    {
        var result = await client.PostAsync("runs/log-batch", new
        {
            run_id = runId,
            metrics = points.Select(p => new { key, value = p.Value, timestamp = p.Timestamp, step = p.Step }).ToArray(),
        });
        result.AssertOk();
    }

    private static async Task<List<(long Step, double Value, long Timestamp)>> HistoryAsync(MlflowHttp client, string runId, string key)
    {
        var result = await client.GetAsync($"metrics/get-history?run_id={runId}&metric_key={key}");
        result.AssertOk();
        return [.. result.Json["metrics"]!.AsArray().Select(m => (m!["step"]!.GetValue<long>(), m["value"]!.GetValue<double>(), m["timestamp"]!.GetValue<long>()))];
    }
}
