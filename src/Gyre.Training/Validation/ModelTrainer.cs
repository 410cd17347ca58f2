using System.Diagnostics;
using System.Globalization;
using Gyre.Core;
using Gyre.Data.Splits;
using Gyre.Data.Tables;
using Gyre.Training.Evaluation;
using Gyre.Training.Featurization;
using Gyre.Training.Scoring;
using Gyre.Training.Specs;
using Gyre.Training.Trainers;

namespace Gyre.Training.Validation;

/// <summary>
/// Trains a model from a <see cref="TrainingSpec"/>: optional k-fold cross-validation on the training rows,
/// a final fit on the training rows, evaluation on a seeded holdout (or on a caller's test table) with the
/// learning curve of boosted tree models on the same rows, and optional permutation importance.
/// Deterministic: the same data, spec and seed give identical metrics and predictions. CPU-bound and
/// synchronous; run it on a worker thread if the caller must stay responsive. Thread-safe (no shared state).
/// </summary>
public static class ModelTrainer
{
    /// <inheritdoc cref="Train(DataTable, DataTable?, TrainingSpec, IProgress{TrainingProgress}?, CancellationToken)"/>
    public static TrainingOutcome Train(DataTable data, TrainingSpec spec, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Train(data, null, spec, progress, cancellationToken);

    /// <summary>
    /// Trains on <paramref name="data"/>. When <paramref name="test"/> is given, all of <paramref name="data"/>
    /// is training data and <paramref name="test"/> is the evaluation set (the holdout fraction is ignored).
    /// </summary>
    /// <exception cref="GyreException">InvalidInput: a bad spec (trainer, hyperparameter, validation settings), label problems (naming column, values or lines), or a test table that does not fit the model.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public static TrainingOutcome Train(
        DataTable data, DataTable? test, TrainingSpec spec, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(spec);
        Report(progress, TrainingStage.Preparing, "Checking the spec and the label.");
        CheckSpec(spec);
        var trainer = TrainerCatalog.Resolve(spec.Trainer, spec.Task, spec.Hyperparameters);
        var labels = LabelEncoder.Fit(data, spec);
        var stratify = spec.Task != TaskKind.Regression && spec.Validation.Stratified;

        var (trainRows, trainLabels, evalRows, evalLabels, source) = SplitForEvaluation(data, test, labels, spec, stratify);

        var folds = CrossValidate(trainRows, trainLabels, spec, trainer, stratify, progress, cancellationToken);
        var summary = folds.Count > 0 ? MetricSummary.Summarize([.. folds.Select(f => f.Metrics)]) : [];

        Report(progress, TrainingStage.FittingFinalModel, $"Fitting {trainer.Name} on {trainRows.RowCount} rows.");
        var stopwatch = Stopwatch.StartNew();
        var model = ModelFitter.Fit(trainRows, trainLabels, spec, trainer, cancellationToken);
        var fitTime = stopwatch.Elapsed;

        ModelEvaluation? evaluation = null;
        IReadOnlyList<IterationMetric> iterationMetrics = [];
        if (evalRows is not null && evalLabels is not null)
        {
            Report(progress, TrainingStage.Evaluating, $"Evaluating on {evalRows.RowCount} {(source == EvaluationSource.Holdout ? "holdout" : "test")} rows.");
            if (source == EvaluationSource.TestTable)
            {
                evalRows = Conform(evalRows, model);
            }

            evaluation = ModelEvaluator.Evaluate(model, evalRows, evalLabels);
            iterationMetrics = LearningCurve.Compute(model, evalRows, evalLabels, cancellationToken);
        }

        IReadOnlyList<FeatureImportance> importance = [];
        if (spec.PermutationImportance)
        {
            var (rows, rowLabels) = evalRows is not null && evalLabels is not null ? (evalRows, evalLabels) : (trainRows, trainLabels);
            importance = PermutationImportance.Compute(model, rows, rowLabels, spec.PermutationRepeats, spec.Seed,
                (column, columns) => Report(progress, TrainingStage.ComputingImportance, $"Permutation importance, column {column} of {columns}.", column, columns),
                cancellationToken);
        }

        Report(progress, TrainingStage.Done, "Training finished.");
        return new TrainingOutcome(model, trainer, labels.Mapping, source, evaluation, folds, summary, importance, fitTime, trainRows.RowCount, evalRows?.RowCount ?? 0)
        {
            IterationMetrics = iterationMetrics,
            EvaluationTable = evaluation is null ? null : evalRows,
        };
    }

    private static (DataTable Train, EncodedLabels TrainLabels, DataTable? Eval, EncodedLabels? EvalLabels, EvaluationSource Source) SplitForEvaluation(
        DataTable data, DataTable? test, EncodedLabels labels, TrainingSpec spec, bool stratify)
    {
        if (test is not null)
        {
            return (data, labels, test, LabelEncoder.Encode(test, labels.Mapping), EvaluationSource.TestTable);
        }

        if (spec.Validation.HoldoutFraction == 0)
        {
            return (data, labels, null, null, EvaluationSource.None);
        }

        var split = stratify
            ? StratifiedSplits.Holdout(labels.Codes, spec.Validation.HoldoutFraction, spec.Seed)
            : ShuffledSplits.Holdout(data.RowCount, spec.Validation.HoldoutFraction, spec.Seed);
        if (split.Test.Count == 0)
        {
            throw GyreException.InvalidInput($"validation.holdout_fraction {spec.Validation.HoldoutFraction.ToString(CultureInfo.InvariantCulture)} leaves no holdout rows out of {data.RowCount}.");
        }

        return (data.Take(split.Train), labels.Take(split.Train), data.Take(split.Test), labels.Take(split.Test), EvaluationSource.Holdout);
    }

    private static List<FoldResult> CrossValidate(
        DataTable rows, EncodedLabels labels, TrainingSpec spec, ResolvedTrainer trainer, bool stratify, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var k = spec.Validation.Folds;
        var results = new List<FoldResult>();
        if (k < 2)
        {
            return results;
        }

        if (k > rows.RowCount)
        {
            throw GyreException.InvalidInput($"validation.folds is {k}, more than the {rows.RowCount} training rows.");
        }

        var folds = stratify ? StratifiedSplits.KFold(labels.Codes, k, spec.Seed) : ShuffledSplits.KFold(rows.RowCount, k, spec.Seed);
        foreach (var fold in folds)
        {
            Report(progress, TrainingStage.CrossValidating, $"Cross-validation fold {fold.Index + 1} of {k}.", fold.Index + 1, k);
            var model = ModelFitter.Fit(rows.Take(fold.Train), labels.Take(fold.Train), spec, trainer, cancellationToken);
            var evaluation = ModelEvaluator.Evaluate(model, rows.Take(fold.Test), labels.Take(fold.Test));
            results.Add(new FoldResult(fold.Index, fold.Train.Count, fold.Test.Count, evaluation.Metrics));
        }

        return results;
    }

    private static DataTable Conform(DataTable test, TrainedModel model)
    {
        var checkedTable = SignatureChecker.Check(test, model.Signature);
        var errors = checkedTable.Violations.Where(v => v.Kind != ViolationKind.MissingValue).ToList();
        if (errors.Count > 0 || checkedTable.Conformed is null)
        {
            throw GyreException.InvalidInput(
                $"The test data does not fit the model's input: {string.Join("; ", errors.Take(5).Select(v => v.Line is { } line ? $"line {line}: {v.Message}" : v.Message))}" +
                (errors.Count > 5 ? $"; and {errors.Count - 5} more." : "."));
        }

        return checkedTable.Conformed;
    }

    private static void CheckSpec(TrainingSpec spec)
    {
        if (!(spec.Validation.HoldoutFraction is >= 0 and < 1))
        {
            throw GyreException.InvalidInput($"validation.holdout_fraction must be in [0, 1); got {spec.Validation.HoldoutFraction.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (spec.Validation.Folds < 0)
        {
            throw GyreException.InvalidInput($"validation.folds must be 0 (no cross-validation) or at least 2; got {spec.Validation.Folds}.");
        }

        if (spec.PermutationRepeats < 1)
        {
            throw GyreException.InvalidInput($"permutation_repeats must be at least 1; got {spec.PermutationRepeats}.");
        }

        if (spec.PositiveClass is not null && spec.Task != TaskKind.Binary)
        {
            throw GyreException.InvalidInput($"positive_class applies to binary tasks only; the task is {spec.Task.ToString().ToLowerInvariant()}.");
        }
    }

    private static void Report(IProgress<TrainingProgress>? progress, TrainingStage stage, string message, int? step = null, int? steps = null) =>
        progress?.Report(new TrainingProgress(stage, message, step, steps));
}
