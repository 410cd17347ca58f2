using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tuning;

namespace Gyre.Pipelines.Tuning;

/// <summary>
/// The study's objective: suggests every search-space parameter, scores the configuration
/// (<see cref="TrialValidation"/>) and tracks the trial as a child run of the study run (tag
/// <c>mlflow.parentRunId</c>), with its parameters, metrics (the study metric; k-fold: <c>cv_METRIC</c> per
/// fold with the fold as step; holdout: <c>iteration_METRIC</c> per boosting iteration) and its end: FINISHED
/// (complete), KILLED (pruned) or FAILED; tag <c>gyre.trial.state</c> says which. The trial's user attribute
/// <c>run_id</c> holds the run id. Thread-safe: one instance serves all workers.
/// </summary>
public sealed class TuningObjective(TuneSpec spec, TrialValidation validation, ITrackingStore tracking, IArtifactStore artifacts,
    string experiment, RunId studyRunId, IReadOnlyList<Tag> systemTags, TimeProvider? time = null)
{
    public async Task<double> EvaluateAsync(Trial trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var hyperparameters = spec.SearchSpace.ToDictionary(p => p.Name, p => p.Suggest(trial), StringComparer.Ordinal);
        Tag[] tags =
        [
            .. systemTags, new(TuneTags.ParentRunId, studyRunId.Value), new(TuneTags.Study, spec.Study),
            new(TuneTags.Role, "trial"), new(TuneTags.Trial, trial.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        await using var run = await TrackedRun.StartAsync(tracking, artifacts, experiment, $"{spec.Study}-trial-{trial.Number}", tags, time, cancellationToken);
        trial.SetUserAttr(TuneTags.RunIdAttr, run.Id.Value);
        await run.LogParamsAsync(hyperparameters, cancellationToken);
        try
        {
            var measured = await Task.Run(() => validation.Measure(trial, hyperparameters, cancellationToken), cancellationToken);
            await LogMeasurementAsync(run, measured, cancellationToken);
            await run.SetTagsAsync([new Tag(TuneTags.TrialState, double.IsNaN(measured.Value) ? "fail" : "complete")], cancellationToken);
            await (double.IsNaN(measured.Value) ? run.FailAsync(cancellationToken) : run.EndAsync(cancellationToken));
            return measured.Value;
        }
        catch (TrialPrunedException)
        {
            await EndAsync(run, "pruned", r => r.KillAsync(CancellationToken.None));
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await EndAsync(run, "fail", r => r.FailAsync(CancellationToken.None));
            throw;
        }
        catch (OperationCanceledException)
        {
            await EndAsync(run, "fail", r => r.KillAsync(CancellationToken.None));
            throw;
        }
    }

    private async Task LogMeasurementAsync(TrackedRun run, TrialMeasurement measured, CancellationToken cancellationToken)
    {
        if (!double.IsNaN(measured.Value))
        {
            await run.LogMetricsAsync([KeyValuePair.Create(spec.Metric, measured.Value)], 0, cancellationToken);
        }

        if (measured.FoldValues.Count > 0)
        {
            await run.LogMetricSeriesAsync("cv_" + spec.Metric, measured.FoldValues.Select((v, i) => ((long)i, v)), cancellationToken);
        }

        if (measured.LearningCurve.Count > 0)
        {
            await run.LogMetricSeriesAsync("iteration_" + spec.Metric, measured.LearningCurve.Select(p => ((long)p.Iteration, p.Value)), cancellationToken);
        }
    }

    /// <summary>Records how the trial ended (also the intermediate values of a pruned trial); tracking errors here must not hide the trial's own outcome.</summary>
    private static async Task EndAsync(TrackedRun run, string state, Func<TrackedRun, Task> end)
    {
        try
        {
            await run.SetTagsAsync([new Tag(TuneTags.TrialState, state)], CancellationToken.None);
            await end(run);
        }
        catch (GyreException)
        {
            // The run stays as it was (disposal marks it FAILED); the trial's state is the study's record.
        }
    }
}
