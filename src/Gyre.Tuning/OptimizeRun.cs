namespace Gyre.Tuning;

/// <summary>One call of Study.OptimizeAsync: its workers share the per-call trial count and deadline.</summary>
internal sealed class OptimizeRun(Study study, Func<Trial, CancellationToken, Task<double>> objective, OptimizeOptions options, CancellationToken cancellationToken)
{
    private static readonly TimeSpan BudgetPoll = TimeSpan.FromMilliseconds(250);
    private readonly DateTimeOffset _deadline = options.Timeout is { } t ? DateTimeOffset.UtcNow + t : DateTimeOffset.MaxValue;
    private int _started;
    private Exception? _rethrow;

    public async Task RunAsync()
    {
        var workers = Enumerable.Range(0, options.Workers).Select(_ => Task.Run(WorkAsync, CancellationToken.None)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        if (_rethrow is not null) throw _rethrow;
    }

    private async Task WorkAsync()
    {
        while (true)
        {
            if (cancellationToken.IsCancellationRequested || DateTimeOffset.UtcNow >= _deadline || Volatile.Read(ref _rethrow) is not null) return;
            if (Interlocked.Increment(ref _started) > (options.Trials ?? int.MaxValue)) return;
            if (study.Sampler.IsExhausted(study.Trials)) return;
            var trial = study.TryAsk(options.StudyTrials);
            if (trial is null)
            {
                Interlocked.Decrement(ref _started);
                if (!study.Trials.Any(x => x.State == TrialState.Running)) return;
                // Budget spent but trials still run elsewhere: one may die and need replacing.
                await Task.Delay(study.HeartbeatInterval is { } hb && hb < BudgetPoll ? hb : BudgetPoll, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (!await RunTrialAsync(trial).ConfigureAwait(false)) return;
        }
    }

    /// <summary>Runs one trial to its end; false when this worker must stop.</summary>
    private async Task<bool> RunTrialAsync(Trial trial)
    {
        var keepGoing = true;
        try
        {
            var value = await objective(trial, cancellationToken).ConfigureAwait(false);
            study.Tell(trial, value);
        }
        catch (TrialPrunedException)
        {
            study.Tell(trial, TrialState.Pruned);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            study.Tell(trial, TrialState.Fail, "Cancelled.");
            keepGoing = false;
        }
#pragma warning disable CA1031 // The objective is user code: any failure is recorded on the trial (documented).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            study.Tell(trial, TrialState.Fail, $"{ex.GetType().Name}: {ex.Message}");
            if (!study.CatchObjectiveExceptions)
            {
                Interlocked.CompareExchange(ref _rethrow, ex, null);
                keepGoing = false;
            }
        }
        options.TrialFinished?.Invoke(study, study.Storage.GetTrialAsync(study.StudyId, trial.Number, CancellationToken.None).GetAwaiter().GetResult());
        return keepGoing;
    }
}
