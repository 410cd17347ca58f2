using Gyre.Core;

namespace Gyre.Monitoring.Performance;

/// <summary>
/// Confidence-based performance estimation (NannyML's CBPE) for a binary classifier: estimates the confusion
/// matrix of unlabeled rows from calibrated probabilities. Fitted on reference (score, label) pairs with an
/// isotonic calibrator; each row with calibrated probability p̂ and prediction ŷ = [score ≥ threshold]
/// contributes p̂ to TP (ŷ = 1) or FN (ŷ = 0) and 1 − p̂ to FP or TN. Valid under covariate shift when
/// P(y | x) is unchanged.
/// </summary>
/// <remarks>Immutable after <see cref="Fit"/>; thread-safe.</remarks>
public sealed class Cbpe
{
    private Cbpe(IsotonicCalibrator calibrator, double threshold)
    {
        Calibrator = calibrator;
        Threshold = threshold;
    }

    /// <summary>The isotonic calibrator fitted on the reference data.</summary>
    public IsotonicCalibrator Calibrator { get; }

    /// <summary>The decision threshold: a score at or above it is a positive prediction.</summary>
    public double Threshold { get; }

    /// <summary>Fits the estimator.</summary>
    /// <param name="referenceScores">Reference scores (probability of the positive class), in [0, 1].</param>
    /// <param name="referenceActuals">Reference labels (true = positive), same length.</param>
    /// <param name="threshold">Decision threshold in (0, 1].</param>
    /// <exception cref="GyreException">Lengths differ, the reference is empty, a score is not in [0, 1], or the threshold is out of range.</exception>
    public static Cbpe Fit(IReadOnlyList<double> referenceScores, IReadOnlyList<bool> referenceActuals, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(referenceScores);
        ArgumentNullException.ThrowIfNull(referenceActuals);
        if (!(threshold > 0 && threshold <= 1))
        {
            throw GyreException.InvalidInput($"CBPE threshold must be in (0, 1], got {threshold}.");
        }

        if (referenceScores.Count != referenceActuals.Count || referenceScores.Count == 0)
        {
            throw GyreException.InvalidInput(
                $"CBPE reference needs one label per score, at least one row (scores {referenceScores.Count}, labels {referenceActuals.Count}).");
        }

        EnsureProbabilities(referenceScores, nameof(referenceScores));
        var targets = referenceActuals.Select(a => a ? 1.0 : 0.0).ToArray();
        return new Cbpe(IsotonicCalibrator.Fit(referenceScores, targets), threshold);
    }

    /// <summary>
    /// An estimator from a calibration saved earlier (<see cref="Calibrator"/>'s <see cref="IsotonicCalibrator.Thresholds"/>
    /// and <see cref="IsotonicCalibrator.Values"/>, and <see cref="Threshold"/>): a monotone calibration is its own
    /// isotonic fit, so the restored estimator gives the same estimates.
    /// </summary>
    /// <exception cref="GyreException">The lists differ in length or are empty, a knot is not in [0, 1], or the threshold is out of range.</exception>
    public static Cbpe FromCalibration(IReadOnlyList<double> thresholds, IReadOnlyList<double> values, double threshold)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(values);
        if (!(threshold > 0 && threshold <= 1))
        {
            throw GyreException.InvalidInput($"CBPE threshold must be in (0, 1], got {threshold}.");
        }

        if (thresholds.Count != values.Count || thresholds.Count == 0)
        {
            throw GyreException.InvalidInput($"CBPE calibration needs one value per threshold, at least one (thresholds {thresholds.Count}, values {values.Count}).");
        }

        EnsureProbabilities(thresholds, nameof(thresholds));
        EnsureProbabilities(values, nameof(values));
        return new Cbpe(IsotonicCalibrator.Fit(thresholds, values), threshold);
    }

    /// <summary>
    /// Estimates <c>accuracy</c>, <c>precision</c>, <c>recall</c>, <c>f1</c>, <c>specificity</c> and
    /// <c>roc_auc</c> of unlabeled rows from their scores. ROC AUC ranks rows by the raw score and counts each
    /// row as p̂ positive and 1 − p̂ negative. Metrics with a zero expected denominator are absent; empty input
    /// gives an empty result.
    /// </summary>
    /// <exception cref="GyreException">A score is not in [0, 1].</exception>
    public IReadOnlyDictionary<string, double> Estimate(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        EnsureProbabilities(scores, nameof(scores));
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (scores.Count == 0)
        {
            return metrics;
        }

        var calibrated = new double[scores.Count];
        var complement = new double[scores.Count];
        double tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var p = Calibrator.Predict(scores[i]);
            calibrated[i] = p;
            complement[i] = 1 - p;
            if (scores[i] >= Threshold)
            {
                tp += p;
                fp += 1 - p;
            }
            else
            {
                fn += p;
                tn += 1 - p;
            }
        }

        metrics[MetricNames.Accuracy] = (tp + tn) / scores.Count;
        AddIfDefined(metrics, MetricNames.Precision, tp, tp + fp);
        AddIfDefined(metrics, MetricNames.Recall, tp, tp + fn);
        AddIfDefined(metrics, MetricNames.F1, tp, tp + (0.5 * (fp + fn)));
        AddIfDefined(metrics, MetricNames.Specificity, tn, tn + fp);
        if (RocAuc.Compute(scores, calibrated, complement) is double auc)
        {
            metrics[MetricNames.RocAuc] = auc;
        }

        return metrics;
    }

    private static void AddIfDefined(Dictionary<string, double> metrics, string name, double numerator, double denominator)
    {
        if (denominator > 0)
        {
            metrics[name] = numerator / denominator;
        }
    }

    private static void EnsureProbabilities(IReadOnlyList<double> scores, string parameter)
    {
        for (var i = 0; i < scores.Count; i++)
        {
            if (!(scores[i] >= 0 && scores[i] <= 1))
            {
                throw GyreException.InvalidInput($"CBPE {parameter}[{i}] = {scores[i]} is not a probability in [0, 1].");
            }
        }
    }
}
