using Gyre.Data.Splits;
using Gyre.Data.Tables;
using Gyre.Training.Specs;
using Gyre.Training.Trainers;
using Gyre.Training.Validation;
using Gyre.Tuning;
using Gyre.Tuning.Pruners;

namespace Gyre.Pipelines.Tuning;

/// <summary>
/// Scores one hyperparameter configuration with the training code (<see cref="ModelTrainer"/>): holdout, or
/// k-fold over fixed seeded folds (the same for every trial; stratified for classification), reporting to the
/// trial as it goes. K-fold reports the running mean after each fold (step = fold index) and stops with
/// <see cref="TrialPrunedException"/> when the pruner says so; holdout reports the learning curve of boosted
/// trainers (step = boosting iteration) when it measures the study's metric, else the value once, and with a
/// pruner first trains boosted trainers at shorter iteration budgets so a poor trial stops early.
/// Thread-safe: trials may run concurrently.
/// </summary>
public sealed class TrialValidation
{
    /// <summary>The boosted trainers' iteration count (lightgbm, fasttree), which staged holdout trials shorten.</summary>
    private const string IterationsHyperparameter = "num_iterations";

    private readonly TuneSpec _spec;
    private readonly DataTable _data;
    private readonly IReadOnlyList<Fold> _folds;

    public TrialValidation(TuneSpec spec, DataTable data)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        _spec = spec;
        _data = data;
        _folds = spec.Validation.Kind == TuneValidationKind.KFold ? MakeFolds(spec, data) : [];
    }

    /// <summary>The training spec of a configuration (its holdout per the tuning spec; no cross-validation inside).</summary>
    public static TrainingSpec TrainingSpecFor(TuneSpec spec, IReadOnlyDictionary<string, string> hyperparameters, double holdoutFraction)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new TrainingSpec
        {
            Data = spec.Data,
            Experiment = spec.Experiment,
            Label = spec.Label,
            Task = spec.Task,
            Trainer = spec.Trainer,
            Hyperparameters = new Dictionary<string, string>(hyperparameters, StringComparer.Ordinal),
            Seed = spec.Seed,
            PositiveClass = spec.PositiveClass,
            Ignore = spec.Ignore,
            Validation = new ValidationSpec { Folds = 0, HoldoutFraction = holdoutFraction },
        };
    }

    /// <summary>Trains and scores <paramref name="hyperparameters"/>; CPU-bound and synchronous.</summary>
    public TrialMeasurement Measure(Trial trial, IReadOnlyDictionary<string, string> hyperparameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return _spec.Validation.Kind == TuneValidationKind.KFold
            ? CrossValidate(trial, hyperparameters, cancellationToken)
            : Holdout(trial, hyperparameters, cancellationToken);
    }

    private TrialMeasurement CrossValidate(Trial trial, IReadOnlyDictionary<string, string> hyperparameters, CancellationToken cancellationToken)
    {
        var trainingSpec = TrainingSpecFor(_spec, hyperparameters, 0);
        var values = new List<double>();
        foreach (var fold in _folds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = ModelTrainer.Train(_data.Take(fold.Train), _data.Take(fold.Test), trainingSpec, null, cancellationToken);
            values.Add(outcome.Evaluation!.Metrics[_spec.Metric]);
            trial.Report(values.Average(), fold.Index);
            if (fold.Index < _folds.Count - 1 && trial.ShouldPrune())
            {
                throw new TrialPrunedException($"Pruned after fold {fold.Index + 1} of {_folds.Count} (mean {_spec.Metric} so far {values.Average():R}).");
            }
        }

        return new TrialMeasurement(values.Average(), values, []);
    }

    private TrialMeasurement Holdout(Trial trial, IReadOnlyDictionary<string, string> hyperparameters, CancellationToken cancellationToken)
    {
        var trainingSpec = TrainingSpecFor(_spec, hyperparameters, _spec.Validation.TestFraction);
        var (stages, total) = PruningStages(trial, trainingSpec);
        foreach (var budget in stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var staged = trainingSpec with
            {
                Hyperparameters = new Dictionary<string, string>(trainingSpec.Hyperparameters, StringComparer.Ordinal)
                {
                    [IterationsHyperparameter] = budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            };
            var (partial, _) = TrainAndReport(trial, staged, budget, cancellationToken);
            if (trial.ShouldPrune())
            {
                throw new TrialPrunedException($"Pruned after {budget} of {total} boosting iterations ({_spec.Metric} {partial:R}).");
            }
        }

        var (value, curve) = TrainAndReport(trial, trainingSpec, stages.Count > 0 ? total : 0, cancellationToken);
        return new TrialMeasurement(value, [], curve);
    }

    /// <summary>Trains on the holdout split and reports the learning curve (step = iteration), or else the value at <paramref name="step"/>.</summary>
    private (double Value, List<IterationMetric> Curve) TrainAndReport(Trial trial, TrainingSpec trainingSpec, int step, CancellationToken cancellationToken)
    {
        var outcome = ModelTrainer.Train(_data, trainingSpec, null, cancellationToken);
        var value = outcome.Evaluation!.Metrics[_spec.Metric];
        var curve = outcome.IterationMetrics.Where(m => m.Name == _spec.Metric).ToList();
        if (curve.Count > 0)
        {
            foreach (var point in curve)
            {
                trial.Report(point.Value, point.Iteration);
            }
        }
        else
        {
            trial.Report(value, step);
        }

        return (value, curve);
    }

    /// <summary>
    /// Boosting-iteration budgets at which a holdout trial of a boosted trainer is scored and offered to the
    /// pruner before its full training: 1/16 and 1/4 of its iterations (η = 4). ML.NET trains a whole ensemble
    /// at once, so each stage is its own shorter training: a trial stopped at the first stage costs about a
    /// sixteenth of a full one, a trial that survives about 1.3. None without a pruner or for other trainers.
    /// </summary>
    private static (IReadOnlyList<int> Stages, int Total) PruningStages(Trial trial, TrainingSpec trainingSpec)
    {
        if (trial.Study.Pruner is NopPruner)
        {
            return ([], 0);
        }

        var resolved = TrainerCatalog.Resolve(trainingSpec.Trainer, trainingSpec.Task, trainingSpec.Hyperparameters);
        if (!resolved.EffectiveHyperparameters.TryGetValue(IterationsHyperparameter, out var text))
        {
            return ([], 0);
        }

        var total = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return ([.. new[] { total / 16, total / 4 }.Where(b => b >= 1 && b < total).Distinct()], total);
    }

    private static IReadOnlyList<Fold> MakeFolds(TuneSpec spec, DataTable data)
    {
        var folds = spec.Validation.Folds;
        if (folds > data.RowCount)
        {
            throw Core.GyreException.InvalidInput($"validation.folds is {folds}, more than the {data.RowCount} rows of {spec.Data}.");
        }

        if (spec.Task == TaskKind.Regression)
        {
            return ShuffledSplits.KFold(data.RowCount, folds, spec.Seed);
        }

        var label = data[spec.Label];
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var classOf = new int[data.RowCount];
        for (var row = 0; row < data.RowCount; row++)
        {
            var value = label.FormatValue(row) ?? "";
            if (!codes.TryGetValue(value, out var code))
            {
                code = codes.Count;
                codes[value] = code;
            }

            classOf[row] = code;
        }

        return StratifiedSplits.KFold(classOf, folds, spec.Seed);
    }
}
