using System.Globalization;
using Gyre.Core;
using Gyre.Monitoring.InferenceLog;
using Gyre.Stores.Sqlite;
using Gyre.Testing;

namespace Gyre.Monitoring.Tests.InferenceLog;

/// <summary>The writer against a real SQLite store (wrapped where a test needs it slow or failing).</summary>
public sealed class InferenceLogWriterTests : IAsyncLifetime
{
    private const long T0 = 1_700_000_000_000;

    private readonly TemporaryFolder folder = new();
    private SqliteTrackingStore? store;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SqliteTrackingStore Store => store ?? throw new InvalidOperationException("Opened in InitializeAsync.");

    public async ValueTask InitializeAsync() =>
        store = await SqliteTrackingStore.OpenAsync(folder.Combine("gyre.db"), folder.Combine("artifacts"), null, Ct);

    public async ValueTask DisposeAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }

        folder.Dispose();
    }

    [Fact]
    public async Task TryEnqueue_ManyRecords_AllWrittenInOrderInBatchesNoLargerThanTheMaximum()
    {
        var gated = new GatedInferenceLogStore(Store);
        gated.Open();
        var writer = new InferenceLogWriter(gated, new InferenceLogWriterOptions { MaxBatchSize = 100, FlushInterval = TimeSpan.FromMilliseconds(1) });
        var records = Enumerable.Range(0, 2_345).Select(Record).ToList();

        var accepted = records.Count(writer.TryEnqueue);
        await writer.DisposeAsync();

        Assert.Equal(records.Count, accepted);
        Assert.Equal((2_345L, 2_345L, 0L, 0L, 0), (writer.Enqueued, writer.Written, writer.Dropped, writer.Failed, writer.QueueDepth));
        Assert.Equal(records, await ReadLogAsync());
        Assert.All(gated.BatchSizes, size => Assert.InRange(size, 1, 100));
    }

    [Fact]
    public async Task TryEnqueue_QueueFullWhileTheStoreIsBlocked_ReturnsFalseAtOnceAndCountsEveryDrop()
    {
        var gated = new GatedInferenceLogStore(Store);
        var writer = new InferenceLogWriter(gated, new InferenceLogWriterOptions { Capacity = 10, FlushInterval = TimeSpan.FromMilliseconds(1) });
        Assert.True(writer.TryEnqueue(Record(0)));
        await gated.FirstAppendArrived; // record 0 is held at the gate; the queue is empty again

        // Were TryEnqueue to wait for room, this would never return: the store stays blocked until Open below.
        var results = Enumerable.Range(1, 25).Select(i => writer.TryEnqueue(Record(i))).ToList();

        Assert.Equal(Enumerable.Repeat(true, 10).Concat(Enumerable.Repeat(false, 15)), results);
        Assert.Equal((11L, 15L, 10), (writer.Enqueued, writer.Dropped, writer.QueueDepth));
        gated.Open();
        await writer.DisposeAsync();
        Assert.Equal((11L, 15L, 0L), (writer.Written, writer.Dropped, writer.Failed));
        Assert.Equal(Enumerable.Range(0, 11).Select(Record), await ReadLogAsync());
    }

    [Fact]
    public async Task TryEnqueue_ManyThreadsAgainstASmallQueue_EveryRecordWrittenOrCountedAsDropped()
    {
        var writer = new InferenceLogWriter(Store, new InferenceLogWriterOptions { Capacity = 50, MaxBatchSize = 20, FlushInterval = TimeSpan.FromMilliseconds(1) });

        var accepted = await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(
            () => Enumerable.Range(0, 2_000).Count(i => writer.TryEnqueue(Record((thread * 10_000) + i))),
            Ct)));
        await writer.DisposeAsync();

        var logged = await ReadLogAsync();
        Assert.Equal(accepted.Sum(), writer.Enqueued);
        Assert.Equal(8_000, writer.Enqueued + writer.Dropped);
        Assert.Equal((writer.Enqueued, 0L), (writer.Written, writer.Failed));
        Assert.Equal(writer.Written, logged.Count);
        Assert.Equal(logged.Count, logged.Select(r => r.RequestId).Distinct().Count());
    }

    [Fact]
    public async Task DisposeAsync_RecordsWaitingForALongFlushInterval_WritesThemBeforeReturning()
    {
        var writer = new InferenceLogWriter(Store, new InferenceLogWriterOptions { FlushInterval = TimeSpan.FromHours(1) });
        var records = Enumerable.Range(0, 50).Select(Record).ToList();
        Assert.All(records, r => Assert.True(writer.TryEnqueue(r)));

        await writer.DisposeAsync();

        Assert.Equal(50L, writer.Written);
        Assert.Equal(records, await ReadLogAsync());
    }

    [Fact]
    public async Task TryEnqueue_FewerRecordsThanABatch_WrittenOnceTheFlushIntervalPassesWithoutDisposing()
    {
        await using var writer = new InferenceLogWriter(Store, new InferenceLogWriterOptions { MaxBatchSize = 500, FlushInterval = TimeSpan.FromMilliseconds(20) });

        Assert.True(writer.TryEnqueue(Record(0)));
        Assert.True(writer.TryEnqueue(Record(1)));

        while (writer.Written < 2)
        {
            await Task.Delay(10, Ct);
        }

        Assert.Equal([Record(0), Record(1)], await ReadLogAsync());
    }

    [Fact]
    public async Task Writer_StoreFailsThreeTimesThenRecovers_RetriesAndWritesEveryRecord()
    {
        var failing = new FailingInferenceLogStore(Store, failures: 3);
        var failures = new List<InferenceLogWriteFailure>();
        var writer = new InferenceLogWriter(
            failing,
            new InferenceLogWriterOptions { MaxAttempts = 4, RetryDelay = TimeSpan.FromMilliseconds(1), FlushInterval = TimeSpan.FromHours(1) },
            onFailure: failures.Add);
        var records = Enumerable.Range(0, 20).Select(Record).ToList();
        Assert.All(records, r => Assert.True(writer.TryEnqueue(r)));

        await writer.DisposeAsync();

        Assert.Equal((20L, 0L), (writer.Written, writer.Failed));
        Assert.Equal(records, await ReadLogAsync());
        Assert.Equal([1, 2, 3], failures.Select(f => f.Attempt));
        Assert.All(failures, f => Assert.False(f.GivenUp));
        Assert.All(failures, f => Assert.IsType<IOException>(f.Error));
    }

    [Fact]
    public async Task Writer_StoreKeepsFailing_GivesTheBatchUpAfterMaxAttemptsAndCountsItsRecordsAsFailed()
    {
        var failing = new FailingInferenceLogStore(Store, failures: int.MaxValue);
        var failures = new List<InferenceLogWriteFailure>();
        var writer = new InferenceLogWriter(
            failing,
            new InferenceLogWriterOptions { MaxAttempts = 3, RetryDelay = TimeSpan.FromMilliseconds(1), FlushInterval = TimeSpan.FromHours(1) },
            onFailure: failures.Add);
        Assert.All(Enumerable.Range(0, 7).Select(Record), r => Assert.True(writer.TryEnqueue(r)));

        await writer.DisposeAsync();

        Assert.Equal((7L, 0L, 7L), (writer.Enqueued, writer.Written, writer.Failed));
        Assert.Equal(3, failing.Calls);
        Assert.Equal([(1, false), (2, false), (3, true)], failures.Select(f => (f.Attempt, f.GivenUp)));
        Assert.All(failures, f => Assert.Equal(7, f.Records));
        Assert.Contains("dropped a batch of 7 records", failures[^1].Message, StringComparison.Ordinal);
        Assert.Empty(await ReadLogAsync());
    }

    [Fact]
    public async Task Writer_FailureCallbackThrows_KeepsWriting()
    {
        var failing = new FailingInferenceLogStore(Store, failures: 1);
        var writer = new InferenceLogWriter(
            failing,
            new InferenceLogWriterOptions { RetryDelay = TimeSpan.Zero, FlushInterval = TimeSpan.FromHours(1) },
            onFailure: _ => throw new InvalidOperationException("A broken logger."));
        Assert.True(writer.TryEnqueue(Record(0)));

        await writer.DisposeAsync();

        Assert.Equal(1L, writer.Written);
    }

    [Fact]
    public async Task DisposeAsync_StoreBlockedPastTheTimeout_ReturnsAndCountsUnwrittenRecordsAsFailed()
    {
        var gated = new GatedInferenceLogStore(Store);
        var writer = new InferenceLogWriter(
            gated,
            new InferenceLogWriterOptions { FlushInterval = TimeSpan.FromMilliseconds(1), DisposeTimeout = TimeSpan.FromMilliseconds(50) });
        Assert.True(writer.TryEnqueue(Record(0)));
        await gated.FirstAppendArrived;
        Assert.All(Enumerable.Range(1, 4).Select(Record), r => Assert.True(writer.TryEnqueue(r)));

        await writer.DisposeAsync();

        Assert.Equal((5L, 0L, 5L, 0), (writer.Enqueued, writer.Written, writer.Failed, writer.QueueDepth));
        Assert.Empty(await ReadLogAsync());
    }

    [Fact]
    public async Task TryEnqueue_AfterDispose_ReturnsFalseAndCountsADrop()
    {
        var writer = new InferenceLogWriter(Store);
        await writer.DisposeAsync();

        Assert.False(writer.TryEnqueue(Record(0)));
        Assert.Equal((0L, 1L), (writer.Enqueued, writer.Dropped));
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task TryEnqueue_InvalidRecord_InvalidInputNamingTheFieldAndNothingQueued()
    {
        await using var writer = new InferenceLogWriter(Store);

        var error = Assert.Throws<GyreException>(() => writer.TryEnqueue(Record(0) with { RequestId = "" }));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("'request_id'", error.Message, StringComparison.Ordinal);
        Assert.Equal((0L, 0L), (writer.Enqueued, writer.Dropped));
    }

    [Theory]
    [InlineData(nameof(InferenceLogWriterOptions.Capacity))]
    [InlineData(nameof(InferenceLogWriterOptions.MaxBatchSize))]
    [InlineData(nameof(InferenceLogWriterOptions.FlushInterval))]
    [InlineData(nameof(InferenceLogWriterOptions.MaxAttempts))]
    [InlineData(nameof(InferenceLogWriterOptions.RetryDelay))]
    public void Constructor_OptionOutOfRange_InvalidInputNamingIt(string option)
    {
        var defaults = new InferenceLogWriterOptions();
        var options = option switch
        {
            nameof(InferenceLogWriterOptions.Capacity) => defaults with { Capacity = 0 },
            nameof(InferenceLogWriterOptions.MaxBatchSize) => defaults with { MaxBatchSize = 0 },
            nameof(InferenceLogWriterOptions.FlushInterval) => defaults with { FlushInterval = TimeSpan.Zero },
            nameof(InferenceLogWriterOptions.MaxAttempts) => defaults with { MaxAttempts = 0 },
            _ => defaults with { RetryDelay = TimeSpan.FromSeconds(-1) },
        };

        var error = Assert.Throws<GyreException>(() => new InferenceLogWriter(Store, options));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains($"'{option}'", error.Message, StringComparison.Ordinal);
    }

    private static InferenceRecord Record(int i) => new(
        "req-" + i.ToString(CultureInfo.InvariantCulture),
        T0,
        "fraud",
        "fraud-model",
        3,
        InferenceVariants.Primary,
        $$"""{"amount":{{i.ToString(CultureInfo.InvariantCulture)}}}""",
        """{"prediction":"legit"}""",
        0.25);

    private async Task<List<InferenceRecord>> ReadLogAsync()
    {
        var records = new List<InferenceRecord>();
        string? token = null;
        do
        {
            var page = await Store.SearchInferencesAsync(new InferenceQuery("fraud"), 10_000, token, Ct);
            records.AddRange(page.Items.Select(i => i.Record));
            token = page.NextPageToken;
        }
        while (token is not null);
        return records;
    }
}
