using Gyre.Core;
using Gyre.Stores.Sqlite;
using Gyre.Testing;
using Microsoft.Data.Sqlite;

namespace Gyre.Registry.Tests.Sqlite;

/// <summary>Opening a SQLite database written at schema 2 (before the registry) upgrades it to the registry schema.</summary>
public sealed class SqliteRegistryMigrationTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly ManualTimeProvider clock = new(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task OpenAsync_Version2Database_UpgradesToTheRegistrySchemaKeepingTrackingData()
    {
        var path = folder.Combine("v2.db");
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            await connection.OpenAsync(Ct);
            await ExecuteAsync(connection, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
            await ExecuteAsync(connection, ReadMigration("0001_initial.sql"));
            await ExecuteAsync(connection, ReadMigration("0002_search_tokens_restore.sql"));
            await ExecuteAsync(
                connection,
                """
                INSERT INTO schema_migrations VALUES (1, '0001_initial', 1), (2, '0002_search_tokens_restore', 2);
                INSERT INTO experiments VALUES (0, 'Default', 'file:///a/0', 'active', 5, 5), (1, 'old', 'file:///a/1', 'active', 6, 6);
                """);
        }

        await using var store = await SqliteTrackingStore.OpenAsync(path, folder.Combine("artifacts"), clock, Ct);
        await store.CreateRegisteredModelAsync("fraud", null, null, new RegistryActor("alice"), Ct);
        var version = await store.CreateModelVersionAsync(new NewModelVersion("fraud", "runs:/r/model"), new RegistryActor("alice"), Ct);

        Assert.True(SqliteTrackingStore.SchemaVersion >= 3, "the registry migration (0003) is part of the schema");
        Assert.Equal(1, version.Version);
        Assert.Equal("old", (await store.GetExperimentAsync(new ExperimentId("1"), Ct)).Name);
        Assert.Equal(2, (await store.GetAuditLogAsync("fraud", Ct)).Count);
    }

    private static string ReadMigration(string fileName)
    {
        using var stream = typeof(SqliteTrackingStore).Assembly.GetManifestResourceStream("Gyre.Stores.Sqlite.Migrations." + fileName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
