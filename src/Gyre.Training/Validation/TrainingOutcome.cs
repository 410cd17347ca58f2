using Gyre.Training.Evaluation;
using Gyre.Training.Featurization;
using Gyre.Training.Trainers;

namespace Gyre.Training.Validation;

/// <summary>
/// Everything a training produced: the final model (fitted on the training rows), its trainer with effective
/// hyperparameters, the label mapping, the final evaluation (null when <paramref name="EvaluationSource"/> is
/// None), cross-validation folds and their summary (empty without CV), permutation importance (empty unless
/// asked), the final fit's wall-clock time, and row counts.
/// </summary>
public sealed record TrainingOutcome(
    TrainedModel Model,
    ResolvedTrainer Trainer,
    LabelMapping Labels,
    EvaluationSource EvaluationSource,
    ModelEvaluation? Evaluation,
    IReadOnlyList<FoldResult> Folds,
    IReadOnlyList<MetricSummary> CrossValidation,
    IReadOnlyList<FeatureImportance> Importance,
    TimeSpan FitTime,
    int TrainingRows,
    int EvaluationRows);
