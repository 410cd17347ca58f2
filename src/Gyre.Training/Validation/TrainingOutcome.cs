using Gyre.Training.Evaluation;
using Gyre.Training.Featurization;
using Gyre.Training.Trainers;

namespace Gyre.Training.Validation;

/// <summary>
/// Everything a training produced: the final model (fitted on the training rows), its trainer with effective
/// hyperparameters, the label mapping, the final evaluation (null when <paramref name="EvaluationSource"/> is
/// None), cross-validation folds and their summary (empty without CV), permutation importance (empty unless
/// asked), the final fit's wall-clock time, row counts, and the final model's learning curve
/// (<see cref="IterationMetrics"/>).
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
    int EvaluationRows)
{
    /// <summary>
    /// The final model's evaluation metric after each boosting iteration (1..N, in order) on the evaluation rows:
    /// <c>roc_auc</c> for binary and <c>rmse</c> for regression <c>lightgbm</c> / <c>fasttree</c> models, the last
    /// point equal to <see cref="Evaluation"/>'s value. Empty for other trainers, multiclass tasks, no evaluation
    /// rows, a binary evaluation set holding one class, or when the staged scores fail to reproduce ML.NET's own
    /// scores (a self-check; the curve is then left out rather than reported wrong).
    /// </summary>
    public IReadOnlyList<IterationMetric> IterationMetrics { get; init; } = [];

    /// <summary>
    /// The rows <see cref="Evaluation"/> was computed on (the holdout, or the caller's test table), which the final
    /// model never trained on; null without evaluation. Monitoring calibrates its label-free estimates on them.
    /// </summary>
    public Gyre.Data.Tables.DataTable? EvaluationTable { get; init; }
}
