using Gyre.Stores.Sqlite;
using Gyre.Tuning;

namespace Gyre.Tracking.Tests.Studies;

/// <summary>The storage contract on a fresh SQLite tracking database.</summary>
public sealed class SqliteStudyStorageTests : StudyStorageContract
{
    private readonly TemporaryFolder folder = new();

    private string DatabasePath => folder.Combine("db", "tracking.db");

    protected override async Task<IStudyStorage> CreateStorageAsync(TimeProvider clock, CancellationToken cancellationToken) =>
        await SqliteTrackingStore.OpenAsync(DatabasePath, folder.Combine("artifacts"), clock, cancellationToken);

    protected override async Task<IStudyStorage?> ReopenAsync(TimeProvider clock, CancellationToken cancellationToken) =>
        await SqliteTrackingStore.OpenAsync(DatabasePath, folder.Combine("artifacts"), clock, cancellationToken);

    protected override async ValueTask DisposeStorageAsync(IStudyStorage storage) => await ((SqliteTrackingStore)storage).DisposeAsync();

    protected override ValueTask CleanUpAsync()
    {
        folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
