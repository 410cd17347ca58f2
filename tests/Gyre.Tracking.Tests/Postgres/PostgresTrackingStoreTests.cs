using Gyre.Stores.Postgres;
using Gyre.Testing;
using Gyre.Tracking.Access;

namespace Gyre.Tracking.Tests.Postgres;

/// <summary>The tracking store contract on a fresh PostgreSQL database of the shared test server.</summary>
public sealed class PostgresTrackingStoreTests : TrackingStoreContract
{
    private readonly TemporaryFolder folder = new();
    private string? database;
    private PostgresTrackingStore? opened;

    protected override IApiTokenStore? TokenStore => opened;

    protected override async Task<ITrackingStore> CreateStoreAsync(TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync(cancellationToken);
        return opened = await PostgresTrackingStore.OpenAsync(database, folder.Combine("artifacts"), timeProvider, cancellationToken);
    }

    protected override async ValueTask DisposeStoreAsync(ITrackingStore store)
    {
        await ((PostgresTrackingStore)store).DisposeAsync();
        if (database is not null)
        {
            await (await PostgresServer.GetAsync()).DropDatabaseAsync(database, CancellationToken.None);
        }

        folder.Dispose();
    }
}
