using Gyre.Core;
using Gyre.Tracking;

namespace Gyre.Client.Logging;

/// <summary>
/// The background half of an <see cref="ActiveRun"/>: a bounded FIFO queue of metrics, params and tags,
/// and one flusher task that sends them to the store with <see cref="ITrackingStore.LogBatchAsync"/>.
/// The flusher wakes when a full batch is queued or the queue is full, when a flush is requested, when the writer closes, and
/// otherwise every flush interval.
/// Guarantees: entries reach the store in the order they were accepted (one flusher, FIFO batches, each
/// batch all or nothing), each at most once; an entry the store refuses is reported, never retried. A
/// batch the store refuses as InvalidInput that holds params is sent again split (params one at a time,
/// the rest together) so that one changed param does not lose the metrics queued with it.
/// Every failure is kept and reported, in order, by the next <see cref="FlushAsync"/> or <see cref="TakeErrors"/>.
/// Thread-safe: any number of threads may add entries; <see cref="Add"/> blocks while the queue is full.
/// </summary>
internal sealed class RunLogWriter
{
    /// <summary>Failures kept in full; later ones are only counted.</summary>
    private const int MaxKeptErrors = 100;

    private readonly ITrackingStore store;
    private readonly RunId runId;
    private readonly int capacity;
    private readonly TimeSpan interval;
    private readonly TimeProvider time;

    /// <summary>Queued entries that wake the flusher at once: a full batch, or a full queue.</summary>
    private readonly int wakeThreshold;
    private readonly object gate = new();
    private readonly Queue<LogEntry> pending = new();
    private readonly List<GyreException> errors = [];
    private readonly List<(long Target, TaskCompletionSource Done)> waiters = [];
    private readonly Task flusher;
    private int droppedErrorCount;
    private long accepted;
    private long processed;
    private bool closed;
    private bool flushRequested;
    private TaskCompletionSource wake = NewSignal();

    /// <param name="capacity">Entries the queue holds before <see cref="Add"/> blocks (≥ 1).</param>
    /// <param name="interval">How long entries may wait before a flush (<see cref="Timeout.InfiniteTimeSpan"/> = only on size or request).</param>
    public RunLogWriter(ITrackingStore store, RunId runId, int capacity, TimeSpan interval, TimeProvider time)
    {
        this.store = store;
        this.runId = runId;
        this.capacity = capacity;
        this.interval = interval;
        this.time = time;
        wakeThreshold = Math.Min(capacity, TrackingValidation.MaxMetricsPerBatch);
        flusher = Task.Run(FlushLoopAsync);
    }

    /// <summary>Queues one entry, blocking while the queue is full. InvalidState once the writer is closed.</summary>
    public void Add(LogEntry entry)
    {
        lock (gate)
        {
            while (pending.Count >= capacity && !closed)
            {
                Monitor.Wait(gate);
            }

            if (closed)
            {
                throw GyreException.InvalidState($"Run {runId} has ended; nothing more can be logged to it.");
            }

            pending.Enqueue(entry);
            accepted++;
            if (pending.Count >= wakeThreshold)
            {
                wake.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Waits until every entry accepted before the call has been sent (or refused), then throws the
    /// failures not yet reported (see <see cref="TakeErrors"/>). Cancelling stops the wait, not the sending.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Task done;
        lock (gate)
        {
            if (processed >= accepted)
            {
                done = Task.CompletedTask;
            }
            else
            {
                var signal = NewSignal();
                waiters.Add((accepted, signal));
                flushRequested = true;
                wake.TrySetResult();
                done = signal.Task;
            }
        }

        await done.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (TakeErrors() is { } error)
        {
            throw error;
        }
    }

    /// <summary>Stops accepting entries (blocked and later <see cref="Add"/> calls throw), sends everything queued, and waits for that.</summary>
    public async Task CloseAsync()
    {
        lock (gate)
        {
            if (!closed)
            {
                closed = true;
                Monitor.PulseAll(gate);
                wake.TrySetResult();
            }
        }

        await flusher.ConfigureAwait(false);
    }

    /// <summary>
    /// The failures not yet reported, as one exception (null when none), and forgets them. One failure is
    /// returned as it was recorded; several give the first one's kind and message plus the count, with all
    /// of them, in order, in an inner <see cref="AggregateException"/>.
    /// </summary>
    public GyreException? TakeErrors()
    {
        List<GyreException> taken;
        int dropped;
        lock (gate)
        {
            if (errors.Count == 0)
            {
                return null;
            }

            taken = [.. errors];
            dropped = droppedErrorCount;
            errors.Clear();
            droppedErrorCount = 0;
        }

        if (taken.Count == 1)
        {
            return taken[0];
        }

        var total = taken.Count + dropped;
        var first = taken[0];
        return new GyreException(
            first.Kind,
            $"{total} background logging calls to run {runId} failed (the first {taken.Count} are in the inner exception). The first: {first.Message}",
            new AggregateException(taken));
    }

    private async Task FlushLoopAsync()
    {
        while (true)
        {
            Task signal;
            lock (gate)
            {
                if (closed && pending.Count == 0)
                {
                    return;
                }

                signal = pending.Count >= wakeThreshold || flushRequested || closed ? Task.CompletedTask : wake.Task;
            }

            if (!signal.IsCompleted)
            {
                using var stopDelay = new CancellationTokenSource();
                await Task.WhenAny(signal, Task.Delay(interval, time, stopDelay.Token)).ConfigureAwait(false);
                await stopDelay.CancelAsync().ConfigureAwait(false);
            }

            lock (gate)
            {
                wake = NewSignal();
                flushRequested = false;
            }

            await DrainAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Sends batches until the queue is empty.</summary>
    private async Task DrainAsync()
    {
        while (true)
        {
            LogBatch batch;
            lock (gate)
            {
                if (pending.Count == 0)
                {
                    return;
                }

                batch = LogBatch.TakeFrom(pending);
                Monitor.PulseAll(gate);
            }

            await SendAsync(batch, isolateParams: true).ConfigureAwait(false);
            lock (gate)
            {
                processed += batch.Entries.Count;
                foreach (var waiter in waiters.Where(w => w.Target <= processed))
                {
                    waiter.Done.TrySetResult();
                }

                waiters.RemoveAll(w => w.Target <= processed);
            }
        }
    }

    private async Task SendAsync(LogBatch batch, bool isolateParams)
    {
        try
        {
            await store.LogBatchAsync(runId, batch.Metrics, batch.Params, batch.Tags, CancellationToken.None).ConfigureAwait(false);
        }
        catch (GyreException error) when (isolateParams && error.Kind == ErrorKind.InvalidInput && batch.Params.Count > 0 && batch.Entries.Count > 1)
        {
            // Entries are validated when logged, so the likely cause is a param logged before with another
            // value: send the params one by one and the rest together, so only the refused entries are lost.
            foreach (var param in batch.Entries.Where(e => e.Param is not null))
            {
                await SendAsync(new LogBatch([param]), isolateParams: false).ConfigureAwait(false);
            }

            var rest = new LogBatch([.. batch.Entries.Where(e => e.Param is null)]);
            if (rest.Entries.Count > 0)
            {
                await SendAsync(rest, isolateParams: false).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // The flusher must outlive any failure of the store; every failure is recorded and reported.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Record(batch, error);
        }
    }

    private void Record(LogBatch batch, Exception error)
    {
        var kind = error is GyreException gyre ? gyre.Kind : ErrorKind.Internal;
        var recorded = new GyreException(kind, $"Could not log {batch.Describe()} to run {runId}: {error.Message}", error);
        lock (gate)
        {
            if (errors.Count < MaxKeptErrors)
            {
                errors.Add(recorded);
            }
            else
            {
                droppedErrorCount++;
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
