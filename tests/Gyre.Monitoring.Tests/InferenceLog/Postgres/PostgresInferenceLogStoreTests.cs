using Gyre.Monitoring.InferenceLog;
using Gyre.Stores.Postgres;
using Gyre.Testing;

namespace Gyre.Monitoring.Tests.InferenceLog.Postgres;

/// <summary>The inference log contract on a fresh PostgreSQL database of the shared test server.</summary>
public sealed class PostgresInferenceLogStoreTests : InferenceLogStoreContract
{
    private readonly TemporaryFolder folder = new();
    private string? database;

    protected override async Task<IInferenceLogStore> CreateStoreAsync(CancellationToken cancellationToken)
    {
        database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync(cancellationToken);
        return await PostgresTrackingStore.OpenAsync(database, folder.Combine("artifacts"), null, cancellationToken);
    }

    protected override async ValueTask DisposeStoreAsync(IInferenceLogStore store)
    {
        await ((PostgresTrackingStore)store).DisposeAsync();
        if (database is not null)
        {
            await (await PostgresServer.GetAsync()).DropDatabaseAsync(database, CancellationToken.None);
        }

        folder.Dispose();
    }
}
