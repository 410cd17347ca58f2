using System.Collections.Concurrent;
using Gyre.Core;
using Gyre.Pipelines.Definitions;
using Gyre.Pipelines.Running;
using Gyre.Tracking;

namespace Gyre.Pipelines.Scheduling;

/// <summary>Starts one pipeline run with parameter overrides, tagging its parent run with <paramref name="tags"/>.</summary>
public delegate Task<PipelineRunResult> PipelineLauncher(PipelineDefinition pipeline, IReadOnlyDictionary<string, string> parameters, IReadOnlyList<Tag> tags, CancellationToken cancellationToken);

/// <summary>
/// Runs pipelines when their triggers see events. Each <see cref="TickAsync"/> arms triggers seen for the first time,
/// polls the others (<see cref="TriggerPolling"/>), and for each event not yet claimed, oldest first, takes a free run
/// slot of its pipeline (<see cref="PipelineSlot"/>: at most <see cref="PipelineDefinition.Concurrency"/> runs, shared
/// with manual runs), claims the event (<see cref="TriggerLedger"/>: once, across processes) and starts the run in
/// the background with the trigger's params. An event without a free slot stays unclaimed and is taken by a later
/// tick (queued, not dropped). The run's parent is tagged <see cref="TriggerTag"/>, <see cref="EventTag"/> and
/// <see cref="EventDescriptionTag"/>. Ticks must not overlap; runs go on in parallel until they end or the scheduler
/// is disposed (which cancels them: they can be resumed with <c>gyre pipeline resume</c>).
/// </summary>
public sealed class PipelineScheduler(TriggerLedger ledger, string slotFolder, TriggerPolling polling, PipelineLauncher launch, TimeProvider? time = null) : IAsyncDisposable
{
    public const string TriggerTag = "gyre.trigger";
    public const string EventTag = "gyre.trigger.event";
    public const string EventDescriptionTag = "gyre.trigger.description";

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private readonly HashSet<string> _told = new(StringComparer.Ordinal);
    private int _disposed;

    /// <summary>Hears every notice (from the ticking thread and from runs' ends; must be thread-safe).</summary>
    public Action<SchedulerNotice>? Notices { get; init; }

    /// <summary>Runs started by this scheduler that have not ended.</summary>
    public int Running => _running.Count;

    /// <summary>One pass over <paramref name="pipelines"/>; returns how many runs it started.</summary>
    public async Task<int> TickAsync(IReadOnlyList<PipelineDefinition> pipelines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        var started = 0;
        foreach (var pipeline in pipelines)
        {
            foreach (var trigger in pipeline.Triggers)
            {
                try
                {
                    started += await TickTriggerAsync(pipeline, trigger, cancellationToken);
                }
                catch (Exception error) when (error is GyreException or IOException or UnauthorizedAccessException or HttpRequestException)
                {
                    Tell("error", pipeline.Name, trigger.Description, null, null, error.Message, once: $"error|{pipeline.Name}|{trigger.Key}|{error.Message}");
                }
            }
        }

        return started;
    }

    /// <summary>Calls <paramref name="load"/> and <see cref="TickAsync"/> every <paramref name="interval"/> until cancelled;
    /// a failing tick is told and retried at the next.</summary>
    public async Task RunAsync(Func<CancellationToken, Task<IReadOnlyList<PipelineDefinition>>> load, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        using var timer = new PeriodicTimer(interval, _time);
        do
        {
            try
            {
                await TickAsync(await load(cancellationToken), cancellationToken);
            }
            catch (Exception error) when (error is GyreException or IOException && !cancellationToken.IsCancellationRequested)
            {
                Tell("error", "*", null, null, null, error.Message, once: "tick|" + error.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    /// <summary>Waits until every run started so far has ended.</summary>
    public async Task WhenIdleAsync()
    {
        while (!_running.IsEmpty)
        {
            await Task.WhenAll(_running.Keys);
        }
    }

    private async Task<int> TickTriggerAsync(PipelineDefinition pipeline, TriggerDefinition trigger, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var arm = await ledger.ArmAsync(trigger.Key, now, ct => polling.AuditSequenceAsync(trigger, ct), cancellationToken);
        if (arm.IsNew)
        {
            Tell("armed", pipeline.Name, trigger.Description, null, null, $"events after {arm.ArmedAt:u} start runs");
        }

        var started = 0;
        foreach (var triggered in await polling.PollAsync(trigger, arm, now, cancellationToken))
        {
            if (ledger.IsClaimed(pipeline.Name, trigger.Key, triggered))
            {
                continue;
            }

            var slot = PipelineSlot.TryAcquire(slotFolder, pipeline.Name, pipeline.Concurrency);
            if (slot is null)
            {
                Tell("waiting", pipeline.Name, trigger.Description, triggered.Description, null,
                    $"{pipeline.Concurrency} run(s) of the pipeline in progress (concurrency {pipeline.Concurrency}); it starts when one ends.", once: $"wait|{pipeline.Name}|{trigger.Key}|{triggered.Id}");
                break;
            }

            var claimedAt = _time.GetUtcNow();
            if (!ledger.TryClaim(pipeline.Name, trigger.Key, triggered, claimedAt))
            {
                slot.Dispose();
                continue;
            }

            Start(pipeline, trigger, triggered, slot, claimedAt);
            started++;
        }

        return started;
    }

    private void Start(PipelineDefinition pipeline, TriggerDefinition trigger, TriggerEvent triggered, PipelineSlot slot, DateTimeOffset claimedAt)
    {
        Tell("started", pipeline.Name, trigger.Description, triggered.Description, null, null);
        var parameters = TriggerYaml.Resolve(trigger, triggered);
        IReadOnlyList<Tag> tags = [new(TriggerTag, TriggerEvents.Name(trigger.Kind)), new(EventTag, triggered.Id), new(EventDescriptionTag, triggered.Description)];
        var run = Task.Run(async () =>
        {
            using (slot)
            {
                string? runId = null;
                string outcome;
                try
                {
                    var result = await launch(pipeline, parameters, tags, _stopping.Token);
                    runId = result.RunId;
                    outcome = result.Succeeded ? "finished" : "failed";
                    Tell(outcome, pipeline.Name, trigger.Description, triggered.Description, runId,
                        result.Succeeded ? null : string.Join("; ", result.Steps.Where(s => s.Error is not null).Select(s => $"{s.StepId}: {s.Error}")));
                }
                catch (Exception error) when (error is not OperationCanceledException || !_stopping.IsCancellationRequested)
                {
                    outcome = "failed";
                    Tell(outcome, pipeline.Name, trigger.Description, triggered.Description, null, error.Message);
                }
                catch (OperationCanceledException)
                {
                    outcome = "cancelled";
                }

                await ledger.RecordRunAsync(pipeline.Name, trigger.Key, triggered, claimedAt, runId, outcome, CancellationToken.None);
            }
        });
        _running[run] = true;
        _ = run.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    private void Tell(string what, string pipeline, string? trigger, string? triggered, string? runId, string? message, string? once = null)
    {
        if (once is not null)
        {
            lock (_told)
            {
                if (!_told.Add(once))
                {
                    return;
                }
            }
        }

        Notices?.Invoke(new SchedulerNotice(_time.GetUtcNow(), what, pipeline, trigger, triggered, runId, message));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            await WhenIdleAsync();
        }
        catch (OperationCanceledException)
        {
            // Runs stopped by the cancellation above.
        }

        _stopping.Dispose();
    }
}
