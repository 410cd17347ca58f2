using Gyre.Core;
using Gyre.Stores.Postgres;
using Gyre.Testing;

namespace Gyre.Registry.Tests.Postgres;

/// <summary>Opening a PostgreSQL database written at schema 2 (before the registry) upgrades it to the registry schema.</summary>
public sealed class PostgresRegistryMigrationTests : IAsyncLifetime
{
    private readonly TemporaryFolder folder = new();
    private readonly ManualTimeProvider clock = new(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
    private PostgresServer? server;
    private string? database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Database => database ?? throw new InvalidOperationException("Created in InitializeAsync.");

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
    public async Task OpenAsync_Version2Database_UpgradesToTheRegistrySchemaKeepingTrackingData()
    {
        await ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
        await ExecuteAsync(ReadMigration("0001_initial.sql"));
        await ExecuteAsync(ReadMigration("0002_search_tokens_restore.sql"));
        await ExecuteAsync(
            """
            INSERT INTO schema_migrations VALUES (1, '0001_initial', 1), (2, '0002_search_tokens_restore', 2);
            INSERT INTO experiments VALUES (0, 'Default', 'file:///a/0', 'active', 5, 5), (1, 'old', 'file:///a/1', 'active', 6, 6);
            """);

        await using var store = await PostgresTrackingStore.OpenAsync(Database, folder.Combine("artifacts"), clock, Ct);
        await store.CreateRegisteredModelAsync("fraud", null, null, new RegistryActor("alice"), Ct);
        var version = await store.CreateModelVersionAsync(new NewModelVersion("fraud", "runs:/r/model"), new RegistryActor("alice"), Ct);

        Assert.Equal([.. Enumerable.Range(1, PostgresTrackingStore.SchemaVersion)], await ReadVersionsAsync());
        Assert.Equal(1, version.Version);
        Assert.Equal("old", (await store.GetExperimentAsync(new ExperimentId("1"), Ct)).Name);
        Assert.Equal(2, (await store.GetAuditLogAsync("fraud", Ct)).Count);
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
