using Gyre.Stores.Postgres;
using Gyre.Testing;

namespace Gyre.Registry.Tests.Postgres;

/// <summary>The registry contract on a fresh PostgreSQL database of the shared test server.</summary>
public sealed class PostgresRegistryStoreTests : RegistryStoreContract
{
    private readonly TemporaryFolder folder = new();
    private string? database;

    protected override async Task<IModelRegistryStore> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync(cancellationToken);
        return await PostgresTrackingStore.OpenAsync(database, folder.Combine("artifacts"), timeProvider, cancellationToken);
    }

    protected override async ValueTask DisposeStoreAsync(IModelRegistryStore store)
    {
        await ((PostgresTrackingStore)store).DisposeAsync();
        if (database is not null)
        {
            await (await PostgresServer.GetAsync()).DropDatabaseAsync(database, CancellationToken.None);
        }

        folder.Dispose();
    }
}
