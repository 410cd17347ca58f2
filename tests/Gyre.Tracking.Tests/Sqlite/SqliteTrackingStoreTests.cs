using Gyre.Core;
using Gyre.Stores.Sqlite;
using Gyre.Tracking.Access;
using Microsoft.Data.Sqlite;

namespace Gyre.Tracking.Tests.Sqlite;

/// <summary>The tracking store contract on a fresh SQLite file, plus what only SQLite has (file, migrations).</summary>
public sealed class SqliteTrackingStoreTests : TrackingStoreContract
{
    private readonly TemporaryFolder folder = new();
    private SqliteTrackingStore? opened;

    private string DatabasePath => folder.Combine("db", "tracking.db");

    protected override IApiTokenStore? TokenStore => opened;

    protected override async Task<ITrackingStore> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken)
        => opened = await SqliteTrackingStore.OpenAsync(DatabasePath, folder.Combine("artifacts"), timeProvider, cancellationToken);

    protected override ValueTask DisposeStoreAsync(ITrackingStore store)
    {
        ((SqliteTrackingStore)store).Dispose();
        folder.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task OpenAsync_NewDatabase_RecordsEveryMigrationOnce()
        => Assert.Equal(Enumerable.Range(1, SqliteTrackingStore.SchemaVersion).Select(v => (long)v), await ReadVersionsAsync(DatabasePath));

    [Fact]
    public async Task OpenAsync_NewDatabase_UsesWalJournalAndForeignKeys()
    {
        await using var connection = await OpenRawAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(Ct));

        command.CommandText = "INSERT INTO params (run_uuid, key, value) VALUES ('no-such-run', 'k', 'v')";
        var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync(Ct));
        Assert.Equal(SQLitePCL.raw.SQLITE_CONSTRAINT, error.SqliteErrorCode);
    }

    [Fact]
    public async Task OpenAsync_ExistingDatabase_KeepsItsData()
    {
        var experimentId = await Store.CreateExperimentAsync("kept", null, Ct);
        var info = await CreateRunAsync(experimentId);
        await Store.LogBatchAsync(info.RunId, [new Metric("m", 1.5, 10, 3)], [new Param("p", "v")], [], Ct);
        var before = await Store.GetRunAsync(info.RunId, Ct);

        using var reopened = await SqliteTrackingStore.OpenAsync(DatabasePath, folder.Combine("artifacts"), Clock, Ct);

        Assert.Equal(before, await reopened.GetRunAsync(info.RunId, Ct), RunComparer.Instance);
        Assert.Equal("kept", (await reopened.GetExperimentAsync(experimentId, Ct)).Name);
        Assert.Equal(2, (await reopened.SearchExperimentsAsync(ViewType.All, 10, null, Ct)).Items.Count);
    }

    [Fact]
    public async Task OpenAsync_NewerSchemaVersion_ThrowsInvalidStateNamingTheFile()
    {
        await using (var connection = await OpenRawAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, 'from_the_future', 0)";
            command.Parameters.AddWithValue("@version", SqliteTrackingStore.SchemaVersion + 1);
            await command.ExecuteNonQueryAsync(Ct);
        }

        var error = await Assert.ThrowsAsync<GyreException>(() => SqliteTrackingStore.OpenAsync(DatabasePath, folder.Combine("artifacts"), Clock, Ct));

        Assert.Equal(ErrorKind.InvalidState, error.Kind);
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains($"schema version {SqliteTrackingStore.SchemaVersion + 1}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NotADatabase_ThrowsCorruptNamingTheFile()
    {
        var path = folder.Combine("garbage.db");
        await File.WriteAllTextAsync(path, new string('x', 4096), Ct);

        var error = await Assert.ThrowsAsync<GyreException>(() => SqliteTrackingStore.OpenAsync(path, folder.Combine("artifacts"), Clock, Ct));

        Assert.Equal(ErrorKind.Corrupt, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_LocalArtifactRoot_GivesFileUrisPerExperimentAndRun()
    {
        var experiment = await Store.GetExperimentAsync(ExperimentId.Default, Ct);
        var info = await CreateRunAsync();

        var expectedRoot = new Uri(folder.Combine("artifacts")).AbsoluteUri;
        Assert.Equal($"{expectedRoot}/0", experiment.ArtifactLocation);
        Assert.Equal($"{expectedRoot}/0/{info.RunId.Value}/artifacts", info.ArtifactUri);
    }

    [Fact]
    public async Task OpenAsync_UriArtifactRoot_UsesItAsPrefix()
    {
        using var store = await SqliteTrackingStore.OpenAsync(folder.Combine("other.db"), "s3://bucket/mlruns/", Clock, Ct);
        var id = await store.CreateExperimentAsync("remote", null, Ct);
        var info = await store.CreateRunAsync(id, "r", "alice", 1, null, Ct);

        Assert.Equal("s3://bucket/mlruns/0", (await store.GetExperimentAsync(ExperimentId.Default, Ct)).ArtifactLocation);
        Assert.Equal($"s3://bucket/mlruns/{id.Value}/{info.RunId.Value}/artifacts", info.ArtifactUri);
    }

    [Fact]
    public async Task OpenAsync_DefaultExperiment_CreationTimeComesFromTimeProvider()
        => Assert.Equal(ClockStart.ToUnixTimeMilliseconds(), (await Store.GetExperimentAsync(ExperimentId.Default, Ct)).CreationTime);

    [Fact]
    public async Task OpenAsync_Version1Database_UpgradesKeepingItsData()
    {
        var path = folder.Combine("v1", "tracking.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var connection = await OpenRawAsync(path))
        {
            await ExecuteRawAsync(connection, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
            await ExecuteRawAsync(connection, ReadMigration("0001_initial.sql"));
            await ExecuteRawAsync(
                connection,
                """
                INSERT INTO schema_migrations VALUES (1, '0001_initial', 1);
                INSERT INTO experiments VALUES (0, 'Default', 'file:///a/0', 'active', 5, 5), (1, 'old', 'file:///a/1', 'active', 6, 6);
                INSERT INTO runs (run_uuid, experiment_id, name, user_id, status, start_time, end_time, deleted_time, lifecycle_stage, artifact_uri)
                    VALUES ('0123456789abcdef0123456789abcdef', 1, 'kept', 'alice', 'FINISHED', 100, 200, NULL, 'active', 'file:///a/1/r/artifacts');
                INSERT INTO params VALUES ('0123456789abcdef0123456789abcdef', 'trainer', 'lightgbm');
                INSERT INTO tags VALUES ('0123456789abcdef0123456789abcdef', 'mlflow.runName', 'kept');
                INSERT INTO metrics (run_uuid, key, value, is_nan, timestamp, step) VALUES ('0123456789abcdef0123456789abcdef', 'auc', 0.9, 0, 10, 1);
                INSERT INTO latest_metrics VALUES ('0123456789abcdef0123456789abcdef', 'auc', 0.9, 0, 10, 1);
                """);
        }

        using var store = await SqliteTrackingStore.OpenAsync(path, folder.Combine("artifacts"), Clock, Ct);
        var runId = new RunId("0123456789abcdef0123456789abcdef");
        var run = await store.GetRunAsync(runId, Ct);
        var found = await store.SearchRunsAsync(new RunSearch([new ExperimentId("1")]) { Filter = "metrics.auc > 0.8 and params.trainer = 'lightgbm'" }, Ct);
        await store.DeleteExperimentAsync(new ExperimentId("1"), Ct);
        await store.RestoreExperimentAsync(new ExperimentId("1"), Ct);
        var issued = await store.CreateTokenAsync("after-upgrade", ApiTokenRole.Read, Ct);

        Assert.Equal(Enumerable.Range(1, SqliteTrackingStore.SchemaVersion).Select(v => (long)v), await ReadVersionsAsync(path));
        Assert.Equal(new RunInfo(runId, new ExperimentId("1"), "kept", "alice", RunStatus.Finished, 100, 200, "file:///a/1/r/artifacts", LifecycleStage.Active), run.Info);
        Assert.Equal([new Metric("auc", 0.9, 10, 1)], run.Data.Metrics);
        Assert.Equal([new Param("trainer", "lightgbm")], run.Data.Params);
        Assert.Equal(runId, Assert.Single(found.Items).Info.RunId);
        Assert.Equal(LifecycleStage.Active, (await store.GetRunAsync(runId, Ct)).Info.LifecycleStage);
        Assert.Equal(issued.Token, await store.FindTokenAsync(issued.Secret, Ct));
        Assert.Equal("old", (await store.GetExperimentAsync(new ExperimentId("1"), Ct)).Name);
    }

    [Fact]
    public async Task OpenAsync_ReopenedTwice_AppliesNothingAgain()
    {
        var id = await Store.CreateExperimentAsync("kept", null, Ct);

        using (await SqliteTrackingStore.OpenAsync(DatabasePath, folder.Combine("artifacts"), Clock, Ct))
        using (var again = await SqliteTrackingStore.OpenAsync(DatabasePath, folder.Combine("artifacts"), Clock, Ct))
        {
            Assert.Equal([id, ExperimentId.Default], (await again.SearchExperimentsAsync(ViewType.All, 10, null, Ct)).Items.Select(e => e.Id));
        }

        Assert.Equal(Enumerable.Range(1, SqliteTrackingStore.SchemaVersion).Select(v => (long)v), await ReadVersionsAsync(DatabasePath));
    }

    [Fact]
    public async Task CreateToken_Issued_StoresOnlyTheSecretsSha256()
    {
        var issued = await opened!.CreateTokenAsync("ci", ApiTokenRole.Admin, Ct);

        await using var connection = await OpenRawAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM api_tokens";
        var cells = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    cells.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
                }
            }
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(issued.Secret)));
        Assert.Contains(hash, cells);
        Assert.DoesNotContain(cells, c => c.Contains(issued.Secret["gyre_".Length..], StringComparison.Ordinal));
    }

    private static string ReadMigration(string fileName)
    {
        using var stream = typeof(SqliteTrackingStore).Assembly.GetManifestResourceStream("Gyre.Stores.Sqlite.Migrations." + fileName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteRawAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<List<long>> ReadVersionsAsync(string path)
    {
        await using var connection = await OpenRawAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations ORDER BY version";
        var versions = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            versions.Add(reader.GetInt64(0));
        }

        return versions;
    }

    private Task<SqliteConnection> OpenRawAsync() => OpenRawAsync(DatabasePath);

    private static async Task<SqliteConnection> OpenRawAsync(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = true, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        return connection;
    }
}
