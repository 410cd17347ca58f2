using Gyre.Core;
using Gyre.Stores.Sqlite;
using Microsoft.Data.Sqlite;

namespace Gyre.Tracking.Tests.Sqlite;

/// <summary>The tracking store contract on a fresh SQLite file, plus what only SQLite has (file, migrations).</summary>
public sealed class SqliteTrackingStoreTests : TrackingStoreContract
{
    private readonly TemporaryFolder folder = new();

    private string DatabasePath => folder.Combine("db", "tracking.db");

    protected override async Task<ITrackingStore> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken)
        => await SqliteTrackingStore.OpenAsync(DatabasePath, folder.Combine("artifacts"), timeProvider, cancellationToken);

    protected override ValueTask DisposeStoreAsync(ITrackingStore store)
    {
        ((SqliteTrackingStore)store).Dispose();
        folder.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task OpenAsync_NewDatabase_RecordsEveryMigrationOnce()
    {
        await using var connection = await OpenRawAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations ORDER BY version";
        var versions = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                versions.Add(reader.GetInt64(0));
            }
        }

        Assert.Equal(Enumerable.Range(1, SqliteTrackingStore.SchemaVersion).Select(v => (long)v), versions);
    }

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

    private async Task<SqliteConnection> OpenRawAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, ForeignKeys = true, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        return connection;
    }
}
