using Gyre.Training.Featurization;
using Gyre.Training.Scoring;
using Gyre.Training.Validation;

namespace Gyre.Training.Evaluation;

/// <summary>
/// A model package's quality on labeled rows (see <see cref="PackageEvaluator"/>): the metrics under the same
/// names as training's holdout metrics, the typed metrics and per-row predictions in row order. Immutable and
/// thread-safe; <see cref="MetricsOn"/> recomputes the metrics on a resample of the rows (used by
/// <see cref="PairedBootstrap"/>).
/// </summary>
public sealed class PackageEvaluation
{
    private readonly EncodedLabels _labels;

    internal PackageEvaluation(EncodedLabels labels, IReadOnlyList<RowPrediction> predictions)
    {
        _labels = labels;
        Evaluation = ModelEvaluator.Compute(labels, predictions);
    }

    /// <summary>Metrics, typed metrics, predictions and actual labels (invariant text), one entry per row in row order.</summary>
    public ModelEvaluation Evaluation { get; }

    /// <summary>The flat metrics (binary: accuracy, precision, recall, f1, roc_auc, pr_auc, log_loss; multiclass:
    /// micro_accuracy, macro_accuracy, log_loss, macro_f1, f1_CLASS; regression: rmse, mae, r2).</summary>
    public IReadOnlyDictionary<string, double> Metrics => Evaluation.Metrics;

    /// <summary>How the package's labels map to classes.</summary>
    public LabelMapping Labels => _labels.Mapping;

    /// <summary>The number of rows evaluated.</summary>
    public int RowCount => Evaluation.Predictions.Count;

    /// <summary>
    /// The metrics on the rows at <paramref name="rows"/> (indexes into the evaluated rows, repeats allowed, as in a
    /// bootstrap resample). A metric undefined on the subset (roc_auc with one class) is NaN.
    /// </summary>
    /// <exception cref="ArgumentException">Empty <paramref name="rows"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index outside [0, <see cref="RowCount"/>).</exception>
    public IReadOnlyDictionary<string, double> MetricsOn(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("A resample needs at least one row.", nameof(rows));
        }

        var predictions = Evaluation.Predictions;
        var selected = new RowPrediction[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(rows[i], nameof(rows));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rows[i], predictions.Count, nameof(rows));
            selected[i] = predictions[rows[i]];
        }

        return ModelEvaluator.Compute(_labels.Take(rows), selected).Metrics;
    }
}
