using Gyre.Training.Evaluation;
using Gyre.Training.Scoring;

namespace Gyre.Training.Validation;

/// <summary>
/// A model's metrics on evaluation rows: the flat <paramref name="Metrics"/> dictionary (as logged to tracking)
/// and the typed metrics for the task (exactly one of <paramref name="Binary"/>, <paramref name="Multiclass"/>,
/// <paramref name="Regression"/> is set), with the per-row predictions and actual labels (invariant text) in row order.
/// </summary>
public sealed record ModelEvaluation(
    IReadOnlyDictionary<string, double> Metrics,
    BinaryMetrics? Binary,
    MulticlassMetrics? Multiclass,
    RegressionMetrics? Regression,
    IReadOnlyList<RowPrediction> Predictions,
    IReadOnlyList<string> Actual)
{
    /// <summary>The metric permutation importance and comparisons use: roc_auc (binary), micro_accuracy (multiclass) or r2 (regression).</summary>
    public double PrimaryMetric => Binary?.RocAuc ?? Multiclass?.MicroAccuracy ?? Regression!.R2;
}
