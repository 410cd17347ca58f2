using Gyre.Stores.Postgres;
using Gyre.Testing;
using Gyre.Tuning;

namespace Gyre.Tracking.Tests.Studies;

/// <summary>The storage contract on a fresh PostgreSQL database of the shared test server.</summary>
public sealed class PostgresStudyStorageTests : StudyStorageContract
{
    private readonly TemporaryFolder folder = new();
    private string? database;

    protected override async Task<IStudyStorage> CreateStorageAsync(TimeProvider clock, CancellationToken cancellationToken)
    {
        database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync(cancellationToken);
        return await PostgresTrackingStore.OpenAsync(database, folder.Combine("artifacts"), clock, cancellationToken);
    }

    protected override async Task<IStudyStorage?> ReopenAsync(TimeProvider clock, CancellationToken cancellationToken) =>
        await PostgresTrackingStore.OpenAsync(database!, folder.Combine("artifacts"), clock, cancellationToken);

    protected override async ValueTask DisposeStorageAsync(IStudyStorage storage) => await ((PostgresTrackingStore)storage).DisposeAsync();

    protected override async ValueTask CleanUpAsync()
    {
        if (database is not null)
        {
            await (await PostgresServer.GetAsync()).DropDatabaseAsync(database, CancellationToken.None);
        }

        folder.Dispose();
    }
}
