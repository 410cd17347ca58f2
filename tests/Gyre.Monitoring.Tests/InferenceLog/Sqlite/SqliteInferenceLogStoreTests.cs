using Gyre.Monitoring.InferenceLog;
using Gyre.Stores.Sqlite;
using Gyre.Testing;

namespace Gyre.Monitoring.Tests.InferenceLog.Sqlite;

/// <summary>The inference log contract on a fresh SQLite file, and what only a file can show: records outlive the store.</summary>
public sealed class SqliteInferenceLogStoreTests : InferenceLogStoreContract
{
    private readonly TemporaryFolder folder = new();

    private string DatabasePath => folder.Combine("gyre.db");

    protected override async Task<IInferenceLogStore> CreateStoreAsync(CancellationToken cancellationToken) =>
        await SqliteTrackingStore.OpenAsync(DatabasePath, folder.Combine("artifacts"), null, cancellationToken);

    protected override async ValueTask DisposeStoreAsync(IInferenceLogStore store)
    {
        await ((SqliteTrackingStore)store).DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task OpenAsync_AfterRecordsAndFeedbackWereWritten_ReadsThemBack()
    {
        var records = new[] { Record("r1", T0), Record("r2", T0 + 1, version: null) };
        await using (var first = await SqliteTrackingStore.OpenAsync(folder.Combine("reopen.db"), folder.Combine("artifacts"), null, Ct))
        {
            await first.AppendInferencesAsync(records, Ct);
            await first.AppendFeedbackAsync([Label("r2", "\"fraud\"")], Ct);
        }

        await using var reopened = await SqliteTrackingStore.OpenAsync(folder.Combine("reopen.db"), folder.Combine("artifacts"), null, Ct);
        var found = (await reopened.SearchInferencesAsync(new InferenceQuery("fraud"), 10, null, Ct)).Items;

        Assert.Equal(records, found.Select(f => f.Record));
        Assert.Equal([null, "\"fraud\""], found.Select(f => f.LabelJson));
    }
}
