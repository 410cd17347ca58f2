using System.Threading.Channels;
using Gyre.Training.Scoring;
using Prometheus;

namespace Gyre.Serving.Traffic;

/// <summary>
/// Adaptive micro-batching for one served model version: single rows from concurrent requests are queued and scored
/// together (<see cref="RowScorer.ScoreBatch"/>). A batch is sent as soon as <see cref="MaxBatchSize"/> rows are
/// waiting, or when the first row has waited <see cref="MaxWait"/>; under light load a row waits at most that long,
/// under heavy load batches fill at once. The worker stops after a second without rows and restarts on the next, so
/// a version swapped out leaves nothing running. A full queue scores the row directly. Thread-safe.
/// </summary>
public sealed class MicroBatcher
{
    private static readonly TimeSpan IdleStop = TimeSpan.FromSeconds(1);

    private readonly RowScorer _scorer;
    private readonly Histogram.Child _batchSizes;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private int _running;

    public MicroBatcher(RowScorer scorer, int maxBatchSize, TimeSpan maxWait, Histogram.Child batchSizes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 2);
        _scorer = scorer;
        MaxBatchSize = maxBatchSize;
        MaxWait = maxWait;
        _batchSizes = batchSizes;
    }

    public int MaxBatchSize { get; }

    public TimeSpan MaxWait { get; }

    /// <summary>The prediction for <paramref name="row"/> (which must have passed <see cref="RowScorer.Check"/> and stay untouched until then).</summary>
    public Task<RowPrediction> ScoreAsync(FeatureRow row)
    {
        var pending = new Pending(row, new TaskCompletionSource<RowPrediction>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            return Task.FromResult(_scorer.Score(row));
        }

        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = Task.Run(RunAsync);
        }

        return pending.Result.Task;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(MaxBatchSize);
        var rows = new List<FeatureRow>(MaxBatchSize);
        while (true)
        {
            using (var idle = new CancellationTokenSource(IdleStop))
            {
                try
                {
                    if (!await reader.WaitToReadAsync(idle.Token))
                    {
                        return;
                    }
                }
                catch (OperationCanceledException)
                {
                    Volatile.Write(ref _running, 0);

                    // A row queued between the timeout and the flag would wait for nobody: take the worker back.
                    if (reader.Count == 0 || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
                    {
                        return;
                    }

                    continue;
                }
            }

            await FillAsync(reader, batch);
            Score(batch, rows);
        }
    }

    private async Task FillAsync(ChannelReader<Pending> reader, List<Pending> batch)
    {
        var deadline = DateTime.UtcNow + MaxWait;
        while (batch.Count < MaxBatchSize)
        {
            if (reader.TryRead(out var pending))
            {
                batch.Add(pending);
                continue;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (batch.Count > 0 && remaining <= TimeSpan.Zero)
            {
                return;
            }

            using var wait = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            try
            {
                if (!await reader.WaitToReadAsync(wait.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Score(List<Pending> batch, List<FeatureRow> rows)
    {
        rows.Clear();
        foreach (var pending in batch)
        {
            rows.Add(pending.Row);
        }

        try
        {
            var predictions = _scorer.ScoreBatch(rows);
            _batchSizes.Observe(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Result.SetResult(predictions[i]);
            }
        }
#pragma warning disable CA1031 // A scoring failure belongs to the requests of the batch: each gets it.
        catch (Exception error)
#pragma warning restore CA1031
        {
            foreach (var pending in batch)
            {
                pending.Result.TrySetException(error);
            }
        }
        finally
        {
            batch.Clear();
            rows.Clear();
        }
    }

    private sealed record Pending(FeatureRow Row, TaskCompletionSource<RowPrediction> Result);
}
