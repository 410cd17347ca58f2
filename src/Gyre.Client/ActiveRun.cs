using System.Globalization;
using Gyre.Client.Logging;
using Gyre.Core;
using Gyre.Tracking;

namespace Gyre.Client;

/// <summary>
/// A live run, started RUNNING by <see cref="TrackingClient.StartRunAsync"/>. Metrics, params and tags are
/// checked at once (InvalidInput for a bad key or a too long value) and then queued: a background sender
/// writes them to the store in batches (≤ 1000 metrics, 100 params, 100 tags per call), when a batch is
/// full and at least every <see cref="TrackingClientOptions.FlushInterval"/>. When the queue holds
/// <see cref="TrackingClientOptions.QueueCapacity"/> entries, logging calls block until it has room.
/// <para>
/// Guarantees: everything logged reaches the store exactly once or is reported as failed; entries reach the
/// store in the order they were logged (so a param is stored no later than a metric logged after it, and
/// one key's points arrive in logging order); the metric timestamp is taken when the metric is logged.
/// A background failure (e.g. a param logged earlier with another value, the run deleted, the server
/// unreachable after retries) loses only the refused entries and is thrown, once and in order, by the next
/// <see cref="FlushAsync"/>, <see cref="EndAsync"/> or <see cref="DisposeAsync"/>.
/// </para>
/// <para>
/// Ending: <see cref="EndAsync"/> sends everything queued, then records the status and end time.
/// <see cref="DisposeAsync"/> ends the run FINISHED unless it was ended already. .NET cannot tell a
/// disposal caused by an exception, so to record a failure call <c>EndAsync(RunStatus.Failed)</c> in a
/// catch block (a run ended FAILED stays FAILED on disposal).
/// </para>
/// Thread-safe: any number of threads may log at once.
/// </summary>
public sealed class ActiveRun : IAsyncDisposable
{
    private readonly ITrackingStore store;
    private readonly IArtifactStore artifacts;
    private readonly TimeProvider time;
    private readonly RunLogWriter writer;
    private readonly SemaphoreSlim ending = new(1, 1);
    private volatile RunInfo info;
    private bool ended;

    /// <summary>The status the last failed <see cref="EndAsync"/> asked for, which disposal then records.</summary>
    private RunStatus? requestedEnd;

    internal ActiveRun(ITrackingStore store, IArtifactStore artifacts, RunInfo info, TrackingClientOptions options)
    {
        this.store = store;
        this.artifacts = artifacts;
        this.info = info;
        time = options.TimeProvider;
        writer = new RunLogWriter(store, info.RunId, options.QueueCapacity, options.FlushInterval, time);
    }

    /// <summary>The run as created, or as ended once <see cref="EndAsync"/> has run.</summary>
    public RunInfo Info => info;

    public RunId Id => info.RunId;

    public ExperimentId ExperimentId => info.ExperimentId;

    /// <summary>Queues a param. Params are immutable: logging a key again with another value fails in the background.</summary>
    public void LogParam(string key, string value)
    {
        var param = new Param(key, value);
        TrackingValidation.ValidateBatch([], [param], []);
        writer.Add(LogEntry.Of(param));
    }

    /// <summary>Queues a param formatted with the invariant culture (e.g. <c>0.05</c>, never <c>0,05</c>).</summary>
    public void LogParam(string key, IFormattable value)
    {
        ArgumentNullException.ThrowIfNull(value);
        LogParam(key, value.ToString(null, CultureInfo.InvariantCulture));
    }

    /// <summary>Queues params in order; each is checked before any is queued.</summary>
    public void LogParams(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var all = parameters.Select(p => new Param(p.Key, p.Value)).ToList();
        foreach (var param in all)
        {
            TrackingValidation.ValidateBatch([], [param], []);
        }

        foreach (var param in all)
        {
            writer.Add(LogEntry.Of(param));
        }
    }

    /// <summary>Queues one metric point at <paramref name="step"/>; <paramref name="timestamp"/> null = now.</summary>
    public void LogMetric(string key, double value, long step = 0, DateTimeOffset? timestamp = null)
    {
        var metric = new Metric(key, value, (timestamp ?? time.GetUtcNow()).ToUnixTimeMilliseconds(), step);
        TrackingValidation.ValidateKey(metric.Key, "metric", "key");
        CheckTimestamp(metric);
        writer.Add(LogEntry.Of(metric));
    }

    /// <summary>Queues several metrics at one step and one timestamp (null = now); each is checked before any is queued.</summary>
    public void LogMetrics(IEnumerable<KeyValuePair<string, double>> metrics, long step = 0, DateTimeOffset? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var at = (timestamp ?? time.GetUtcNow()).ToUnixTimeMilliseconds();
        var all = metrics.Select(m => new Metric(m.Key, m.Value, at, step)).ToList();
        foreach (var metric in all)
        {
            TrackingValidation.ValidateKey(metric.Key, "metric", "key");
            CheckTimestamp(metric);
        }

        foreach (var metric in all)
        {
            writer.Add(LogEntry.Of(metric));
        }
    }

    /// <summary>Queues a run tag (the last value of a key wins).</summary>
    public void SetTag(string key, string value)
    {
        var tag = new Tag(key, value);
        TrackingValidation.ValidateRunTags([tag], "tags");
        writer.Add(LogEntry.Of(tag));
    }

    /// <summary>
    /// Uploads a local file (to <c>&lt;artifactPath&gt;/&lt;file name&gt;</c>) or a folder's contents (into
    /// <paramref name="artifactPath"/>) to the run's artifacts, now, not through the queue. Allowed after the run ended.
    /// </summary>
    public Task LogArtifactAsync(string localPath, string? artifactPath = null, CancellationToken cancellationToken = default) =>
        artifacts.LogArtifactAsync(info.ExperimentId, info.RunId, localPath, artifactPath, cancellationToken);

    /// <summary>
    /// Waits until everything logged before the call has been sent, then throws the background failures
    /// not yet reported (a <see cref="GyreException"/>; several are combined, see the class remarks).
    /// Cancelling stops the wait, not the sending.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => writer.FlushAsync(cancellationToken);

    /// <summary>
    /// Ends the run: stops accepting logs (later logging calls throw InvalidState), sends everything queued,
    /// records <paramref name="status"/> (FINISHED, FAILED or KILLED) and the end time, then throws the
    /// background failures not yet reported. InvalidState when the run has already ended; InvalidInput for
    /// a status that does not end a run. When recording the status fails (e.g. the server is unreachable),
    /// the run is not ended and the call may be repeated; logging stays closed.
    /// </summary>
    public async Task EndAsync(RunStatus status = RunStatus.Finished, CancellationToken cancellationToken = default)
    {
        if (status is not (RunStatus.Finished or RunStatus.Failed or RunStatus.Killed))
        {
            throw GyreException.InvalidInput($"Invalid value {status} for parameter 'status': a run ends FINISHED, FAILED or KILLED.");
        }

        await ending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (ended)
            {
                throw GyreException.InvalidState($"Run {Id} has already ended as {info.Status}.");
            }

            requestedEnd = status;
            await EndCoreAsync(status, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ending.Release();
        }
    }

    /// <summary>
    /// Ends the run FINISHED unless it has ended already (see <see cref="EndAsync"/>, including what it
    /// throws); when an <see cref="EndAsync"/> call failed to record its status, that status.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await ending.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!ended)
            {
                await EndCoreAsync(requestedEnd ?? RunStatus.Finished, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            ending.Release();
        }
    }

    private async Task EndCoreAsync(RunStatus status, CancellationToken cancellationToken)
    {
        await writer.CloseAsync().ConfigureAwait(false);
        var loggingError = writer.TakeErrors();
        try
        {
            info = await store.UpdateRunAsync(Id, status, time.GetUtcNow().ToUnixTimeMilliseconds(), null, cancellationToken).ConfigureAwait(false);
            ended = true;
        }
        catch (Exception updateError) when (loggingError is not null)
        {
            throw new GyreException(
                loggingError.Kind,
                $"Ending run {Id} as {status} failed ({updateError.Message}), and background logging had failed before: {loggingError.Message}",
                new AggregateException(loggingError, updateError));
        }

        if (loggingError is not null)
        {
            throw loggingError;
        }
    }

    private static void CheckTimestamp(Metric metric)
    {
        if (metric.Timestamp < 0)
        {
            throw GyreException.InvalidInput($"Invalid timestamp of metric '{metric.Key}': {metric.Timestamp} is before 1970-01-01.");
        }
    }
}
