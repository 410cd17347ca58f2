using System.Globalization;
using Gyre.Core;
using Gyre.Data.Loading;
using Gyre.Data.Tables;
using Gyre.Pipelines.Jobs;
using Gyre.Tracking;
using Gyre.Tuning;
using Gyre.Tuning.Analysis;

namespace Gyre.Pipelines.Tuning;

/// <summary>
/// A tracked hyperparameter search: loads the data once, opens (or joins) the study in <c>studies</c>, records
/// this process's share as a study run (tags gyre.study, gyre.sampler, gyre.pruner) whose children are the
/// trials (<see cref="TuningObjective"/>), runs trials until the study-wide budget (<see cref="TuneSpec.Trials"/>,
/// counted in the store so several processes run exactly that many between them) or this process's timeout is
/// spent, then trains the best configuration with the tracked <see cref="TrainingJob"/> (holdout validation: the
/// same split as the trials; k-fold: all rows) so its model package can be registered like any training's.
/// Data errors surface before any run exists; a failure marks the study run FAILED, cancellation KILLED.
/// </summary>
public sealed class TuningJob(ITrackingStore tracking, IArtifactStore artifacts, IStudyStorage studies, TimeProvider? time = null)
{
    public async Task<TuningJobResult> RunAsync(TuningJobRequest request, Action<TuningProgress>? trialFinished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var spec = request.Spec with { Data = Path.GetFullPath(request.Spec.Data, request.WorkingDirectory) };
        if (request.Workers < 1)
        {
            throw GyreException.InvalidInput($"workers must be at least 1; got {request.Workers}.");
        }

        var data = await LoadAsync(spec, cancellationToken);
        var parallel = request.Workers > 1 || studies is not InMemoryStudyStorage;
        var study = await Study.CreateAsync(spec.Study, spec.Direction, TuneSamplerFactory.Create(spec.Sampler, spec.Seed, parallel),
            TunePrunerFactory.Create(spec.Pruner), studies, request.HeartbeatInterval, cancellationToken);
        study.SetUserAttr("metric", spec.Metric);
        study.SetUserAttr("trainer", spec.Trainer);
        var systemTags = RunContext.SystemTags(request.WorkingDirectory, request.Source);
        Tag[] studyTags = [.. systemTags, new(TuneTags.Study, spec.Study), new(TuneTags.Sampler, spec.Sampler), new(TuneTags.Pruner, spec.Pruner), new(TuneTags.Role, "study")];
        await using var run = await TrackedRun.StartAsync(tracking, artifacts, request.ExperimentName, spec.Study, studyTags, time, cancellationToken);
        try
        {
            await run.LogParamsAsync(StudyParams(spec), cancellationToken);
            var objective = new TuningObjective(spec, new TrialValidation(spec, data), tracking, artifacts, request.ExperimentName, run.Id, systemTags, time);
            using var failFast = new FailFast(cancellationToken);
            var options = new OptimizeOptions
            {
                StudyTrials = spec.Trials,
                Timeout = spec.Timeout,
                Workers = request.Workers,
                TrialFinished = (s, t) =>
                {
                    failFast.Record(t);
                    trialFinished?.Invoke(Progress(s, t, spec.Trials));
                },
            };
            try
            {
                await study.OptimizeAsync(objective.EvaluateAsync, options, failFast.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // FailFast stopped the study; reported below.
            }

            cancellationToken.ThrowIfCancellationRequested();
            failFast.ThrowIfTripped();

            var trials = study.Trials;
            var best = Study.BestOf(trials, study.Direction);
            var counts = TrialStateCounts.Of([.. trials]);
            var bestModel = best is null ? null : await TrainBestAsync(spec, best, request, run.Id, cancellationToken);
            await LogSummaryAsync(run, spec, counts, best, bestModel, cancellationToken);
            await run.EndAsync(cancellationToken);
            return new TuningJobResult(spec.Study, spec.Metric, spec.Direction, run.Id, counts, best, bestModel);
        }
        catch (OperationCanceledException)
        {
            await run.KillAsync(CancellationToken.None);
            throw;
        }
        catch
        {
            await run.FailAsync(CancellationToken.None);
            throw;
        }
    }

    private static async Task<DataTable> LoadAsync(TuneSpec spec, CancellationToken cancellationToken)
    {
        var data = await TableLoader.LoadAsync(spec.Data, new TableLoadOptions(), cancellationToken);
        return data.Schema.Find(spec.Label) is not null
            ? data
            : throw GyreException.NotFound(
                $"{spec.Data}: the label column '{spec.Label}' is not in the data; its columns are: {string.Join(", ", data.Schema.Columns.Select(c => c.Name))}.");
    }

    private static TuningProgress Progress(Study study, FrozenTrial trial, int budget)
    {
        var trials = study.Trials;
        return new TuningProgress(trial, Study.BestOf(trials, study.Direction), trials.Count(t => t.IsFinished && t.State != TrialState.Fail), budget);
    }

    /// <summary>The best configuration's tracked training, tagged as the study run's child with role "best".</summary>
    private async Task<TrainingJobResult> TrainBestAsync(TuneSpec spec, FrozenTrial best, TuningJobRequest request, RunId studyRun, CancellationToken cancellationToken)
    {
        var hyperparameters = spec.SearchSpace.ToDictionary(p => p.Name, p => SearchParameter.Format(best.Params[p.Name]), StringComparer.Ordinal);
        var holdout = spec.Validation.Kind == TuneValidationKind.Holdout ? spec.Validation.TestFraction : 0;
        var trainingSpec = TrialValidation.TrainingSpecFor(spec, hyperparameters, holdout);
        var job = new TrainingJob(tracking, artifacts, time);
        var result = await job.RunAsync(
            new TrainingJobRequest(trainingSpec, request.ExperimentName, $"{spec.Study}-best", request.Source, request.WorkingDirectory), null, cancellationToken);
        Tag[] tags =
        [
            new(TuneTags.ParentRunId, studyRun.Value), new(TuneTags.Study, spec.Study), new(TuneTags.Role, "best"),
            new(TuneTags.Trial, best.Number.ToString(CultureInfo.InvariantCulture)),
        ];
        await tracking.LogBatchAsync(result.RunId, [], [], tags, cancellationToken);
        return result;
    }

    private static async Task LogSummaryAsync(TrackedRun run, TuneSpec spec, TrialStateCounts counts, FrozenTrial? best, TrainingJobResult? bestModel, CancellationToken cancellationToken)
    {
        var metrics = new List<KeyValuePair<string, double>>
        {
            KeyValuePair.Create("trials_complete", (double)counts.Complete),
            KeyValuePair.Create("trials_pruned", (double)counts.Pruned),
            KeyValuePair.Create("trials_failed", (double)counts.Failed),
        };
        if (best?.Value is { } value)
        {
            metrics.Add(KeyValuePair.Create("best_" + spec.Metric, value));
            var tags = new List<Tag> { new("gyre.best_trial", best.Number.ToString(CultureInfo.InvariantCulture)) };
            if (best.UserAttrs.TryGetValue(TuneTags.RunIdAttr, out var trialRun))
            {
                tags.Add(new Tag("gyre.best_trial_run_id", trialRun));
            }

            if (bestModel is not null)
            {
                tags.Add(new Tag("gyre.best_model_run_id", bestModel.RunId.Value));
            }

            await run.SetTagsAsync(tags, cancellationToken);
        }

        await run.LogMetricsAsync(metrics, 0, cancellationToken);
    }

    private static IEnumerable<KeyValuePair<string, string>> StudyParams(TuneSpec spec)
    {
        var invariant = CultureInfo.InvariantCulture;
        yield return KeyValuePair.Create("data", spec.Data);
        yield return KeyValuePair.Create("label", spec.Label);
        yield return KeyValuePair.Create("task", spec.Task.ToString().ToLowerInvariant());
        yield return KeyValuePair.Create("trainer", spec.Trainer);
        yield return KeyValuePair.Create("metric", spec.Metric);
        yield return KeyValuePair.Create("direction", spec.Direction.ToString().ToLowerInvariant());
        yield return KeyValuePair.Create("validation.kind", spec.Validation.Kind == TuneValidationKind.KFold ? "kfold" : "holdout");
        yield return spec.Validation.Kind == TuneValidationKind.KFold
            ? KeyValuePair.Create("validation.folds", spec.Validation.Folds.ToString(invariant))
            : KeyValuePair.Create("validation.test_fraction", spec.Validation.TestFraction.ToString(invariant));
        yield return KeyValuePair.Create("trials", spec.Trials.ToString(invariant));
        yield return KeyValuePair.Create("seed", spec.Seed.ToString(invariant));
        foreach (var p in spec.SearchSpace)
        {
            yield return KeyValuePair.Create("search_space." + p.Name, Describe(p));
        }
    }

    private static string Describe(SearchParameter p) => p.Type switch
    {
        SearchParameterType.Categorical => "categorical[" + string.Join(", ", p.Choices.Select(SearchParameter.Format)) + "]",
        _ => string.Create(CultureInfo.InvariantCulture, $"{(p.Type == SearchParameterType.Real ? "float" : "int")}[{p.Low}, {p.High}]{(p.Log ? " log" : "")}{(p.Step is { } s ? $" step {s}" : "")}"),
    };
}
