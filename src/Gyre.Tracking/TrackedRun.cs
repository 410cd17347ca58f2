using Gyre.Core;

namespace Gyre.Tracking;

/// <summary>
/// A live run: created RUNNING by <see cref="StartAsync"/>, ended exactly once by <see cref="EndAsync"/>
/// (FINISHED), <see cref="FailAsync"/> (FAILED) or <see cref="KillAsync"/> (KILLED). Not thread-safe:
/// one owner logs to it. Disposing a run that was not ended marks it FAILED, so a run never stays
/// RUNNING because its owner threw; only a killed process leaves a run RUNNING.
/// </summary>
public sealed class TrackedRun : IAsyncDisposable
{
    private readonly ITrackingStore _store;
    private readonly IArtifactStore _artifacts;
    private readonly TimeProvider _time;
    private bool _ended;

    private TrackedRun(ITrackingStore store, IArtifactStore artifacts, TimeProvider time, RunInfo info)
    {
        _store = store;
        _artifacts = artifacts;
        _time = time;
        Info = info;
    }

    public RunInfo Info { get; private set; }

    public RunId Id => Info.RunId;

    public static async Task<TrackedRun> StartAsync(
        ITrackingStore store,
        IArtifactStore artifacts,
        string experimentName,
        string runName,
        IReadOnlyList<Tag> tags,
        TimeProvider? time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tags);
        time ??= TimeProvider.System;
        var experimentId = await store.GetOrCreateExperimentAsync(experimentName, cancellationToken);
        var user = tags.FirstOrDefault(t => t.Key == RunContext.UserTag)?.Value ?? Environment.UserName;
        var allTags = tags.Append(new Tag(RunContext.RunNameTag, runName)).ToList();
        var info = await store.CreateRunAsync(experimentId, runName, user, time.GetUtcNow().ToUnixTimeMilliseconds(), allTags, cancellationToken);
        return new TrackedRun(store, artifacts, time, info);
    }

    public long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public Task LogParamsAsync(IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        // The store caps a batch at 100 params; log in chunks so long specs still record whole.
        var all = parameters.Select(p => new Param(p.Key, p.Value)).ToList();
        return LogInChunksAsync(all, 100, chunk => _store.LogBatchAsync(Id, [], chunk, [], cancellationToken));
    }

    /// <summary>Logs metrics at one step with the current time.</summary>
    public Task LogMetricsAsync(IEnumerable<KeyValuePair<string, double>> metrics, long step, CancellationToken cancellationToken)
    {
        var now = Now();
        var all = metrics.Select(m => new Metric(m.Key, m.Value, now, step)).ToList();
        return LogInChunksAsync(all, 1000, chunk => _store.LogBatchAsync(Id, chunk, [], [], cancellationToken));
    }

    /// <summary>
    /// Logs one metric's series — a value per step, e.g. per boosting iteration — all with the current time, in
    /// batches of at most <see cref="TrackingValidation.MaxMetricsPerBatch"/> (one store call per batch).
    /// </summary>
    public Task LogMetricSeriesAsync(string key, IEnumerable<(long Step, double Value)> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        var now = Now();
        var all = points.Select(p => new Metric(key, p.Value, now, p.Step)).ToList();
        return LogInChunksAsync(all, TrackingValidation.MaxMetricsPerBatch, chunk => _store.LogBatchAsync(Id, chunk, [], [], cancellationToken));
    }

    public Task SetTagsAsync(IEnumerable<Tag> tags, CancellationToken cancellationToken)
    {
        var all = tags.ToList();
        return LogInChunksAsync(all, 100, chunk => _store.LogBatchAsync(Id, [], [], chunk, cancellationToken));
    }

    public Task LogInputsAsync(IReadOnlyList<DatasetInput> inputs, CancellationToken cancellationToken) =>
        _store.LogInputsAsync(Id, inputs, cancellationToken);

    /// <summary>Copies a local file or folder into the run's artifacts (<paramref name="artifactPath"/> null = root).</summary>
    public Task LogArtifactAsync(string localPath, string? artifactPath, CancellationToken cancellationToken) =>
        _artifacts.LogArtifactAsync(Info.ExperimentId, Id, localPath, artifactPath, cancellationToken);

    public Task EndAsync(CancellationToken cancellationToken) => FinishAsync(RunStatus.Finished, cancellationToken);

    public Task FailAsync(CancellationToken cancellationToken) => FinishAsync(RunStatus.Failed, cancellationToken);

    public Task KillAsync(CancellationToken cancellationToken) => FinishAsync(RunStatus.Killed, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (!_ended)
        {
            await FinishAsync(RunStatus.Failed, CancellationToken.None);
        }
    }

    private async Task FinishAsync(RunStatus status, CancellationToken cancellationToken)
    {
        if (_ended)
        {
            throw GyreException.InvalidState($"Run {Id} has already ended as {Info.Status}.");
        }

        Info = await _store.UpdateRunAsync(Id, status, Now(), null, cancellationToken);
        _ended = true;
    }

    private static async Task LogInChunksAsync<T>(List<T> items, int size, Func<List<T>, Task> log)
    {
        for (var i = 0; i < items.Count; i += size)
        {
            await log(items.GetRange(i, Math.Min(size, items.Count - i)));
        }
    }
}
