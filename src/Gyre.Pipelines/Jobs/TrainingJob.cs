using System.Globalization;
using System.Text.Json;
using Gyre.Core;
using Gyre.Data.Fingerprints;
using Gyre.Data.Loading;
using Gyre.Data.Profiling;
using Gyre.Data.Schema;
using Gyre.Data.Tables;
using Gyre.Pipelines.Monitoring;
using Gyre.Training.Packaging;
using Gyre.Training.Specs;
using Gyre.Training.Trainers;
using Gyre.Training.Validation;
using Gyre.Tracking;

namespace Gyre.Pipelines.Jobs;

/// <summary>
/// A tracked training: loads and fingerprints the data, profiles it (the reference profile monitoring
/// will compare against), trains and validates, writes the model package, and records all of it in one
/// run: params (the spec and the trainer's effective hyperparameters), metrics (holdout; per fold with the
/// fold as step; for boosted tree models the learning curve as iteration_NAME with the boosting iteration,
/// 1-based, as step), tags, dataset inputs and artifacts.
/// Data errors surface before a run exists; once the run starts, any failure marks it FAILED and
/// cancellation marks it KILLED. Not thread-safe; one job per instance at a time.
/// </summary>
public sealed class TrainingJob(ITrackingStore tracking, IArtifactStore artifacts, TimeProvider? time = null)
{
    public const string ModelArtifactPath = "model";

    private static readonly JsonSerializerOptions ArtifactJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<TrainingJobResult> RunAsync(TrainingJobRequest request, IProgress<TrainingJobProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var spec = request.Spec;
        var dataPath = spec.Data ?? throw GyreException.InvalidInput("No training data: give --data FILE or 'data:' in the spec.");
        dataPath = Path.GetFullPath(dataPath, request.WorkingDirectory);
        var testPath = spec.TestData is null ? null : Path.GetFullPath(spec.TestData, request.WorkingDirectory);
        _ = TrainerCatalog.Resolve(spec.Trainer, spec.Task, spec.Hyperparameters);

        progress?.Report(new TrainingJobProgress($"reading {Path.GetFileName(dataPath)}", 0.02));
        var loadOptions = new TableLoadOptions { Inference = new SchemaInferenceOptions { Overrides = TypeOverrides(spec) } };
        var data = await TableLoader.LoadAsync(dataPath, loadOptions, cancellationToken);
        if (data.Schema.Find(spec.Label) is null)
        {
            throw GyreException.NotFound(
                $"{dataPath}: the label column '{spec.Label}' is not in the data; its columns are: {string.Join(", ", data.Schema.Columns.Select(c => c.Name))}.");
        }

        var test = testPath is null
            ? null
            : await TableLoader.LoadAsync(testPath, new TableLoadOptions { Schema = data.Schema, AllowMissingInNonNullable = true }, cancellationToken);
        progress?.Report(new TrainingJobProgress("fingerprinting and profiling", 0.08));
        var fingerprint = await DatasetFingerprint.ComputeAsync(dataPath, cancellationToken);
        var testFingerprint = testPath is null ? null : await DatasetFingerprint.ComputeAsync(testPath, cancellationToken);
        var profile = DatasetProfiler.Profile(data);

        var tags = RunContext.SystemTags(request.WorkingDirectory, request.Source);
        var runName = request.RunName ?? $"{spec.Trainer}-{Path.GetFileNameWithoutExtension(dataPath)}";
        await using var run = await TrackedRun.StartAsync(tracking, artifacts, request.ExperimentName, runName, tags, _time, cancellationToken);
        try
        {
            await run.LogInputsAsync(Inputs(dataPath, fingerprint, data.Schema, profile, testPath, testFingerprint), cancellationToken);
            await run.LogParamsAsync(SpecParams(spec, dataPath, testPath), cancellationToken);

            var outcome = await Task.Run(
                () => ModelTrainer.Train(data, test, spec, new TrainingProgressAdapter(progress), cancellationToken),
                cancellationToken);

            progress?.Report(new TrainingJobProgress("recording the run", 0.95));
            await run.LogParamsAsync(outcome.Trainer.EffectiveHyperparameters.Select(p => KeyValuePair.Create("trainer." + p.Key, p.Value)), cancellationToken);
            await LogMetricsAsync(run, outcome, cancellationToken);
            progress?.Report(new TrainingJobProgress("profiling for monitoring", 0.96));
            var baseline = await Task.Run(() => MonitoringBaseline.BuildJson(data, outcome, cancellationToken), cancellationToken);
            var modelPath = await LogArtifactsAsync(run, outcome, fingerprint, profile, baseline, cancellationToken);
            await run.EndAsync(cancellationToken);
            progress?.Report(new TrainingJobProgress("done", 1.0));
            return new TrainingJobResult(run.Id, run.Info.ExperimentId, run.Info.RunName, modelPath, fingerprint, outcome.TrainingRows, outcome.EvaluationRows, outcome);
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

    /// <summary>Featurization overrides that also decide how a column is parsed.</summary>
    private static Dictionary<string, ColumnType> TypeOverrides(TrainingSpec spec)
    {
        var overrides = new Dictionary<string, ColumnType>(StringComparer.Ordinal);
        foreach (var (column, kind) in spec.Featurization.Columns)
        {
            ColumnType? type = kind switch
            {
                FeatureKind.Numeric => ColumnType.Numeric,
                FeatureKind.Categorical or FeatureKind.OneHot or FeatureKind.Hash => ColumnType.Categorical,
                FeatureKind.Text => ColumnType.Text,
                FeatureKind.DateTime => ColumnType.DateTime,
                _ => null,
            };
            if (type is { } t)
            {
                overrides[column] = t;
            }
        }

        return overrides;
    }

    private static List<DatasetInput> Inputs(string dataPath, string fingerprint, DatasetSchema schema, DatasetProfile profile, string? testPath, string? testFingerprint)
    {
        var inputs = new List<DatasetInput>
        {
            new(Path.GetFileName(dataPath), fingerprint, "local", dataPath, JsonSerializer.Serialize(schema.Columns, ArtifactJson), Summary(profile), [new Tag("mlflow.data.context", "training")]),
        };
        if (testPath is not null && testFingerprint is not null)
        {
            inputs.Add(new DatasetInput(Path.GetFileName(testPath), testFingerprint, "local", testPath, null, null, [new Tag("mlflow.data.context", "evaluation")]));
        }

        return inputs;
    }

    /// <summary>The short profile MLflow keeps with a dataset input (the full one is an artifact).</summary>
    private static string Summary(DatasetProfile profile) =>
        JsonSerializer.Serialize(new { num_rows = profile.RowCount, num_columns = profile.Columns.Count });

    private static IEnumerable<KeyValuePair<string, string>> SpecParams(TrainingSpec spec, string dataPath, string? testPath)
    {
        var invariant = CultureInfo.InvariantCulture;
        yield return KeyValuePair.Create("data", dataPath);
        if (testPath is not null)
        {
            yield return KeyValuePair.Create("test_data", testPath);
        }

        yield return KeyValuePair.Create("label", spec.Label);
        yield return KeyValuePair.Create("task", spec.Task.ToString().ToLowerInvariant());
        yield return KeyValuePair.Create("trainer", spec.Trainer);
        yield return KeyValuePair.Create("seed", spec.Seed.ToString(invariant));
        if (spec.PositiveClass is not null)
        {
            yield return KeyValuePair.Create("positive_class", spec.PositiveClass);
        }

        yield return KeyValuePair.Create("validation.holdout_fraction", spec.Validation.HoldoutFraction.ToString(invariant));
        yield return KeyValuePair.Create("validation.folds", spec.Validation.Folds.ToString(invariant));
        yield return KeyValuePair.Create("validation.stratified", spec.Validation.Stratified ? "true" : "false");
        yield return KeyValuePair.Create("featurization.one_hot_max_cardinality", spec.Featurization.OneHotMaxCardinality.ToString(invariant));
        yield return KeyValuePair.Create("featurization.hash_bits", spec.Featurization.HashBits.ToString(invariant));
        foreach (var (column, kind) in spec.Featurization.Columns.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            yield return KeyValuePair.Create("featurization.columns." + column, kind.ToString().ToLowerInvariant());
        }

        if (spec.Ignore.Count > 0)
        {
            yield return KeyValuePair.Create("ignore", string.Join(",", spec.Ignore));
        }

        yield return KeyValuePair.Create("permutation_importance", spec.PermutationImportance ? "true" : "false");
        foreach (var (key, value) in spec.Hyperparameters.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            yield return KeyValuePair.Create("hyperparameters." + key, value);
        }
    }

    /// <summary>
    /// Holdout/test metrics under their own names; cross-validation per fold as cv_NAME with step = fold
    /// index (0-based), and cv_NAME_mean / cv_NAME_std; fit time as fit_seconds; the learning curve as
    /// iteration_NAME with step = boosting iteration (1-based), so its latest value is the final model's.
    /// </summary>
    private static async Task LogMetricsAsync(TrackedRun run, TrainingOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Evaluation is { } evaluation)
        {
            await run.LogMetricsAsync(evaluation.Metrics, 0, cancellationToken);
        }

        foreach (var fold in outcome.Folds)
        {
            await run.LogMetricsAsync(fold.Metrics.Select(m => KeyValuePair.Create("cv_" + m.Key, m.Value)), fold.Fold, cancellationToken);
        }

        var summaries = outcome.CrossValidation.SelectMany(s => new[]
        {
            KeyValuePair.Create($"cv_{s.Name}_mean", s.Mean),
            KeyValuePair.Create($"cv_{s.Name}_std", s.StdDev),
        });
        await run.LogMetricsAsync(summaries.Append(KeyValuePair.Create("fit_seconds", outcome.FitTime.TotalSeconds)), 0, cancellationToken);

        foreach (var curve in outcome.IterationMetrics.GroupBy(m => m.Name, StringComparer.Ordinal))
        {
            await run.LogMetricSeriesAsync("iteration_" + curve.Key, curve.Select(m => ((long)m.Iteration, m.Value)), cancellationToken);
        }
    }

    private async Task<string> LogArtifactsAsync(
        TrackedRun run, TrainingOutcome outcome, string fingerprint, DatasetProfile profile, string monitoringBaselineJson, CancellationToken cancellationToken)
    {
        var staging = Path.Combine(Path.GetTempPath(), "gyre-run-" + run.Id.Value);
        try
        {
            var packagePath = Path.Combine(staging, ModelArtifactPath);
            var options = new PackageSaveOptions
            {
                Metrics = outcome.Evaluation?.Metrics ?? new Dictionary<string, double>(),
                TrainingDataFingerprint = fingerprint,
                ReferenceProfileJson = profile.ToJson(),
                MonitoringProfileJson = monitoringBaselineJson,
                Clock = _time,
            };
            await ModelPackage.SaveAsync(outcome.Model, packagePath, options, cancellationToken);
            await run.LogArtifactAsync(packagePath, ModelArtifactPath, cancellationToken);

            var files = new Dictionary<string, object?>
            {
                ["metrics.json"] = new
                {
                    evaluation = outcome.Evaluation?.Metrics,
                    evaluation_source = outcome.EvaluationSource.ToString().ToLowerInvariant(),
                    folds = outcome.Folds.Select(f => new { fold = f.Fold, train_rows = f.TrainRows, test_rows = f.TestRows, metrics = f.Metrics }),
                    cross_validation = outcome.CrossValidation.Select(s => new { name = s.Name, mean = s.Mean, std = s.StdDev, per_fold = s.PerFold }),
                },
                ["confusion_matrix.json"] = (object?)outcome.Evaluation?.Binary?.ConfusionMatrix ?? outcome.Evaluation?.Multiclass?.ConfusionMatrix,
                ["feature_importance.json"] = outcome.Importance.Count > 0 ? outcome.Importance : null,
            };
            foreach (var (name, content) in files.Where(f => f.Value is not null))
            {
                var file = Path.Combine(staging, name);
                await File.WriteAllTextAsync(file, JsonSerializer.Serialize(content, ArtifactJson), cancellationToken);
                await run.LogArtifactAsync(file, null, cancellationToken);
            }

            return await artifacts.GetLocalPathAsync(run.Info.ExperimentId, run.Id, ModelArtifactPath, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Maps training stages onto the job's 0.1 .. 0.95 span of progress.</summary>
    private sealed class TrainingProgressAdapter(IProgress<TrainingJobProgress>? target) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (target is null)
            {
                return;
            }

            var within = value.Step is { } step && value.Steps is { } steps && steps > 0 ? (step - 1.0) / steps : 0.0;
            var fraction = value.Stage switch
            {
                TrainingStage.Preparing => 0.10,
                TrainingStage.CrossValidating => 0.10 + (0.60 * within),
                TrainingStage.FittingFinalModel => 0.70,
                TrainingStage.Evaluating => 0.85,
                TrainingStage.ComputingImportance => 0.88 + (0.06 * within),
                _ => 0.95,
            };
            target.Report(new TrainingJobProgress(value.Message, fraction));
        }
    }
}
