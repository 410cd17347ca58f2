using Gyre.Core;
using Gyre.Stores.Postgres;
using Gyre.Testing;
using Npgsql;

namespace Gyre.Tracking.Tests.Postgres;

/// <summary>Opening PostgreSQL databases: fresh creation, upgrade from version 1, reopening, concurrent openers, refusals.</summary>
public sealed class PostgresMigrationTests : IAsyncLifetime
{
    private const string RunId1 = "0123456789abcdef0123456789abcdef";

    private readonly TemporaryFolder folder = new();
    private readonly ManualTimeProvider clock = new(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
    private PostgresServer? server;
    private string? database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Database => database ?? throw new InvalidOperationException("Created in InitializeAsync.");

    private string ArtifactRoot => folder.Combine("artifacts");

    public async ValueTask InitializeAsync()
    {
        server = await PostgresServer.GetAsync();
        database = await server.CreateDatabaseAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null && database is not null)
        {
            await server.DropDatabaseAsync(database, CancellationToken.None);
        }

        folder.Dispose();
    }

    [Fact]
    public async Task OpenAsync_EmptyDatabase_RecordsEveryMigrationOnceAndCreatesDefault()
    {
        await using var store = await PostgresTrackingStore.OpenAsync(Database, ArtifactRoot, clock, Ct);

        Assert.Equal(Enumerable.Range(1, PostgresTrackingStore.SchemaVersion), await ReadVersionsAsync());
        var experiment = await store.GetExperimentAsync(ExperimentId.Default, Ct);
        Assert.Equal("Default", experiment.Name);
        Assert.Equal(clock.NowMilliseconds, experiment.CreationTime);
    }

    [Fact]
    public async Task OpenAsync_Version1Database_UpgradesKeepingItsData()
    {
        await ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
        await ExecuteAsync(ReadMigration("0001_initial.sql"));
        await ExecuteAsync(
            $"""
            INSERT INTO schema_migrations VALUES (1, '0001_initial', 1);
            INSERT INTO experiments VALUES (0, 'Default', 'file:///a/0', 'active', 5, 5), (1, 'old', 'file:///a/1', 'active', 6, 6);
            INSERT INTO runs (run_uuid, experiment_id, name, user_id, status, start_time, end_time, deleted_time, lifecycle_stage, artifact_uri)
                VALUES ('{RunId1}', 1, 'kept', 'alice', 'FINISHED', 100, 200, NULL, 'active', 'file:///a/1/r/artifacts');
            INSERT INTO params VALUES ('{RunId1}', 'trainer', 'lightgbm');
            INSERT INTO metrics (run_uuid, key, value, is_nan, timestamp, step) VALUES ('{RunId1}', 'auc', 0.9, 0, 10, 1);
            INSERT INTO latest_metrics VALUES ('{RunId1}', 'auc', 0.9, 0, 10, 1);
            """);

        await using var store = await PostgresTrackingStore.OpenAsync(Database, ArtifactRoot, clock, Ct);
        var run = await store.GetRunAsync(new RunId(RunId1), Ct);
        var found = await store.SearchRunsAsync(new RunSearch([new ExperimentId("1")]) { Filter = "metrics.auc > 0.8 and params.trainer = 'lightgbm'" }, Ct);
        await store.DeleteExperimentAsync(new ExperimentId("1"), Ct);
        await store.RestoreExperimentAsync(new ExperimentId("1"), Ct);
        var issued = await store.CreateTokenAsync("after-upgrade", Access.ApiTokenRole.Read, Ct);

        Assert.Equal(Enumerable.Range(1, PostgresTrackingStore.SchemaVersion), await ReadVersionsAsync());
        Assert.Equal(RunStatus.Finished, run.Info.Status);
        Assert.Equal([new Metric("auc", 0.9, 10, 1)], run.Data.Metrics);
        Assert.Equal([new Param("trainer", "lightgbm")], run.Data.Params);
        Assert.Equal(RunId1, Assert.Single(found.Items).Info.RunId.Value);
        Assert.Equal(LifecycleStage.Active, (await store.GetRunAsync(new RunId(RunId1), Ct)).Info.LifecycleStage);
        Assert.Equal(issued.Token, await store.FindTokenAsync(issued.Secret, Ct));
    }

    [Fact]
    public async Task OpenAsync_Reopened_AppliesNothingAgainAndKeepsData()
    {
        ExperimentId id;
        await using (var first = await PostgresTrackingStore.OpenAsync(Database, ArtifactRoot, clock, Ct))
        {
            id = await first.CreateExperimentAsync("kept", null, Ct);
        }

        await using var second = await PostgresTrackingStore.OpenAsync(Database, ArtifactRoot, clock, Ct);

        Assert.Equal(Enumerable.Range(1, PostgresTrackingStore.SchemaVersion), await ReadVersionsAsync());
        Assert.Equal([id, ExperimentId.Default], (await second.SearchExperimentsAsync(ViewType.All, 10, null, Ct)).Items.Select(e => e.Id));
    }

    [Fact]
    public async Task OpenAsync_ManyServersAtOnce_AllSucceedAndMigrateOnce()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostgresTrackingStore.OpenAsync(Database, ArtifactRoot, clock, Ct), Ct)));
        try
        {
            Assert.Equal(Enumerable.Range(1, PostgresTrackingStore.SchemaVersion), await ReadVersionsAsync());
            var experiments = await stores[^1].SearchExperimentsAsync(ViewType.All, 10, null, Ct);
            Assert.Equal(ExperimentId.Default, Assert.Single(experiments.Items).Id);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task OpenAsync_NewerSchemaVersion_ThrowsInvalidStateNamingTheDatabase()
    {
        await (await PostgresTrackingStore.OpenAsync(Database, ArtifactRoot, clock, Ct)).DisposeAsync();
        await ExecuteAsync($"INSERT INTO schema_migrations VALUES ({PostgresTrackingStore.SchemaVersion + 1}, 'from_the_future', 0)");

        var error = await Assert.ThrowsAsync<GyreException>(() => PostgresTrackingStore.OpenAsync(Database, ArtifactRoot, clock, Ct));

        Assert.Equal(ErrorKind.InvalidState, error.Kind);
        Assert.Contains(new NpgsqlConnectionStringBuilder(Database).Database!, error.Message, StringComparison.Ordinal);
        Assert.Contains($"schema version {PostgresTrackingStore.SchemaVersion + 1}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_MlflowStyleUri_ConnectsToTheSameDatabase()
    {
        var settings = new NpgsqlConnectionStringBuilder(Database);
        var uri = $"postgresql://{settings.Username}@{settings.Host}:{settings.Port}/{settings.Database}?application_name=gyre-tests";

        await using var store = await PostgresTrackingStore.OpenAsync(uri, ArtifactRoot, clock, Ct);

        Assert.Equal($"{settings.Host}:{settings.Port}/{settings.Database}", store.Database);
        Assert.Equal("Default", (await store.GetExperimentAsync(ExperimentId.Default, Ct)).Name);
    }

    [Fact]
    public async Task OpenAsync_UnknownDatabase_ThrowsInvalidInputNamingIt()
    {
        var settings = new NpgsqlConnectionStringBuilder(Database) { Database = "no_such_database" };

        var error = await Assert.ThrowsAsync<GyreException>(() => PostgresTrackingStore.OpenAsync(settings.ConnectionString, ArtifactRoot, clock, Ct));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("no_such_database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NothingListening_ThrowsInternalNamingTheServer()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<GyreException>(() => PostgresTrackingStore.OpenAsync($"postgresql://u@127.0.0.1:{port}/db?connect_timeout=2", ArtifactRoot, clock, Ct));

        Assert.Equal(ErrorKind.Internal, error.Kind);
        Assert.Contains($"127.0.0.1:{port}/db", error.Message, StringComparison.Ordinal);
    }

    private static string ReadMigration(string fileName)
    {
        using var stream = typeof(PostgresTrackingStore).Assembly.GetManifestResourceStream("Gyre.Stores.Postgres.Migrations." + fileName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private Task ExecuteAsync(string sql) => PostgresCommands.ExecuteAsync(Database, sql, Ct);

    private Task<List<int>> ReadVersionsAsync() => PostgresCommands.ReadSchemaVersionsAsync(Database, Ct);
}
