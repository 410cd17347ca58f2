using System.Threading.Channels;
using Gyre.Core;

namespace Gyre.Monitoring.InferenceLog;

/// <summary>
/// Writes inference records to an <see cref="IInferenceLogStore"/> in the background, so serving never waits for
/// the store. <see cref="TryEnqueue"/> puts a record in a bounded queue without blocking; when the queue is full
/// (or the writer is disposed) the record is dropped and counted. One background loop takes records in batches
/// (up to <see cref="InferenceLogWriterOptions.MaxBatchSize"/>, written as soon as a batch is full or its first
/// record has waited <see cref="InferenceLogWriterOptions.FlushInterval"/>) and appends each batch in one store
/// call; a failed call is retried with doubling delays, and after
/// <see cref="InferenceLogWriterOptions.MaxAttempts"/> (or at once for InvalidInput, which a retry cannot fix) the
/// batch is given up and its records counted as failed. Each failed call is reported to the failure callback, on
/// the loop's thread (exceptions it throws are ignored). Records are written in the order they were enqueued.
/// The counters only grow and are safe to read at any time (e.g. by a metrics scrape); once disposal has
/// finished, <see cref="Enqueued"/> = <see cref="Written"/> + <see cref="Failed"/>. Thread-safe.
/// </summary>
public sealed class InferenceLogWriter : IAsyncDisposable
{
    /// <summary>Retry delays double until they reach this, then stay.</summary>
    private static readonly TimeSpan MaxDoubledRetryDelay = TimeSpan.FromMinutes(1);

    private readonly IInferenceLogStore store;
    private readonly InferenceLogWriterOptions options;
    private readonly TimeProvider timeProvider;
    private readonly Action<InferenceLogWriteFailure>? onFailure;
    private readonly Channel<InferenceRecord> queue;
    private readonly CancellationTokenSource abort = new();

    /// <summary>Records taken from the queue and not yet written or given up; touched by the loop only.</summary>
    private readonly List<InferenceRecord> batch;

    private readonly Task loop;
    private long enqueued;
    private long written;
    private long dropped;
    private long failed;
    private int disposed;

    /// <param name="store">Where batches go; not owned (the caller disposes it after this writer).</param>
    /// <param name="options">Queue and batch settings (validated: InvalidInput naming the option); null for the defaults.</param>
    /// <param name="timeProvider">The clock for flush intervals, retry delays and the dispose timeout; null for the system clock.</param>
    /// <param name="onFailure">Told of every failed store call (e.g. to log it); null to ignore them.</param>
    public InferenceLogWriter(
        IInferenceLogStore store,
        InferenceLogWriterOptions? options = null,
        TimeProvider? timeProvider = null,
        Action<InferenceLogWriteFailure>? onFailure = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new InferenceLogWriterOptions();
        options.Validate();
        this.store = store;
        this.options = options;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        this.onFailure = onFailure;
        batch = new List<InferenceRecord>(options.MaxBatchSize);
        queue = Channel.CreateBounded<InferenceRecord>(new BoundedChannelOptions(options.Capacity)
        {
            // With Wait, TryWrite on a full queue returns false at once: the caller drops and counts the record.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        loop = Task.Run(RunAsync);
    }

    /// <summary>Records accepted into the queue.</summary>
    public long Enqueued => Interlocked.Read(ref enqueued);

    /// <summary>Records the store has committed.</summary>
    public long Written => Interlocked.Read(ref written);

    /// <summary>Records refused by <see cref="TryEnqueue"/> because the queue was full or the writer disposed.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Accepted records that were never written: their batch was given up, or disposal timed out before them.</summary>
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Records waiting in the queue now (not counting a batch being written).</summary>
    public int QueueDepth => queue.Reader.Count;

    /// <summary>
    /// Queues <paramref name="record"/> for writing; never blocks. False (and <see cref="Dropped"/> grows) when the
    /// queue is full or the writer is disposed. An invalid record is InvalidInput naming the field (see
    /// <see cref="InferenceLogValidation.ValidateRecord"/>): rejected here, it cannot fail a whole batch later.
    /// </summary>
    public bool TryEnqueue(InferenceRecord record)
    {
        InferenceLogValidation.ValidateRecord(record);
        if (queue.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref enqueued);
            return true;
        }

        Interlocked.Increment(ref dropped);
        return false;
    }

    /// <summary>
    /// Stops accepting records and waits up to <see cref="InferenceLogWriterOptions.DisposeTimeout"/> for the queued
    /// ones to be written; then cancels the store call in progress and counts what is left as failed. Idempotent.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            await loop;
            return;
        }

        queue.Writer.TryComplete();
        try
        {
            await loop.WaitAsync(options.DisposeTimeout, timeProvider);
        }
        catch (TimeoutException)
        {
            await abort.CancelAsync();
            await loop;
        }

        abort.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(abort.Token))
            {
                await FillBatchAsync(reader);
                await WriteBatchAsync();
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Disposal timed out: what was not written is counted below.
        }
        finally
        {
            var abandoned = batch.Count;
            batch.Clear();
            while (reader.TryRead(out _))
            {
                abandoned++;
            }

            Interlocked.Add(ref failed, abandoned);
        }
    }

    /// <summary>Takes records until the batch is full, the flush interval since the call has passed, or the queue is completed and empty.</summary>
    private async Task FillBatchAsync(ChannelReader<InferenceRecord> reader)
    {
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            while (batch.Count < options.MaxBatchSize && reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            var remaining = options.FlushInterval - timeProvider.GetElapsedTime(started);
            if (batch.Count >= options.MaxBatchSize || remaining <= TimeSpan.Zero)
            {
                return;
            }

            using var timeout = new CancellationTokenSource(remaining, timeProvider);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, abort.Token);
            try
            {
                if (!await reader.WaitToReadAsync(wait.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !abort.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Appends the batch, retrying failures; then clears it, having counted its records as written or failed.</summary>
    private async Task WriteBatchAsync()
    {
        var records = batch.ToArray();
        var delay = options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.AppendInferencesAsync(records, abort.Token);
                Interlocked.Add(ref written, records.Length);
                batch.Clear();
                return;
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Any store failure (I/O, database, driver) is reported and retried, never allowed to stop the loop.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var giveUp = attempt >= options.MaxAttempts || e is GyreException { Kind: ErrorKind.InvalidInput };
                Report(new InferenceLogWriteFailure(records.Length, attempt, giveUp, e));
                if (giveUp)
                {
                    Interlocked.Add(ref failed, records.Length);
                    batch.Clear();
                    return;
                }
            }

            await Task.Delay(delay, timeProvider, abort.Token);
            delay = delay < MaxDoubledRetryDelay ? delay * 2 : delay;
        }
    }

    private void Report(InferenceLogWriteFailure failure)
    {
        try
        {
            onFailure?.Invoke(failure);
        }
#pragma warning disable CA1031 // The callback is the host's (e.g. a logger); its failure must not stop the log.
        catch (Exception)
#pragma warning restore CA1031
        {
            // Ignored, as documented.
        }
    }
}
