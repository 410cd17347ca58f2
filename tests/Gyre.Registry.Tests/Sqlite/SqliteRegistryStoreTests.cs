using Gyre.Stores.Sqlite;
using Gyre.Testing;

namespace Gyre.Registry.Tests.Sqlite;

/// <summary>The registry contract on a fresh SQLite file.</summary>
public sealed class SqliteRegistryStoreTests : RegistryStoreContract
{
    private readonly TemporaryFolder folder = new();

    protected override async Task<IModelRegistryStore> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken) =>
        await SqliteTrackingStore.OpenAsync(folder.Combine("gyre.db"), folder.Combine("artifacts"), timeProvider, cancellationToken);

    protected override async ValueTask DisposeStoreAsync(IModelRegistryStore store)
    {
        await ((SqliteTrackingStore)store).DisposeAsync();
        folder.Dispose();
    }
}
