using Gyre.Core;

namespace Gyre.Monitoring.Performance;

/// <summary>
/// Realized classification metrics from outcomes whose labels have arrived, with scikit-learn's definitions.
/// Always (when at least one row is labeled): <c>accuracy</c>. Binary (a positive class is given):
/// <c>precision</c>, <c>recall</c>, <c>f1</c>, <c>specificity</c> (recall of the negative class), <c>roc_auc</c> (needs a score on every labeled row and both
/// classes), <c>log_loss</c> (same needs; probabilities clipped to [ε, 1 − ε], ε = 2⁻⁵²), and
/// <c>positive_rate</c> = share of all rows (labeled or not) predicted positive. Multiclass (no positive class):
/// <c>macro_f1</c> and <c>weighted_f1</c> over the union of actual and predicted classes.
/// A metric whose denominator is zero is absent from the result, never NaN.
/// </summary>
/// <remarks>Thread-safe (no state).</remarks>
public static class ClassificationMetrics
{
    /// <summary>Computes the metrics.</summary>
    /// <param name="outcomes">Outcomes; rows with a null <see cref="ClassificationOutcome.Actual"/> only count in <c>positive_rate</c>.</param>
    /// <param name="positiveClass">The positive class for binary metrics, or null for multiclass metrics.</param>
    /// <exception cref="GyreException">A score is outside [0, 1] or not finite.</exception>
    public static IReadOnlyDictionary<string, double> Compute(IReadOnlyList<ClassificationOutcome> outcomes, string? positiveClass = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        var labeled = outcomes.Where(o => o.Actual is not null).ToList();
        if (labeled.Count > 0)
        {
            metrics[MetricNames.Accuracy] = labeled.Count(o => o.Predicted == o.Actual) / (double)labeled.Count;
        }

        if (positiveClass is null)
        {
            AddMulticlass(labeled, metrics);
        }
        else
        {
            if (outcomes.Count > 0)
            {
                metrics[MetricNames.PositiveRate] = outcomes.Count(o => o.Predicted == positiveClass) / (double)outcomes.Count;
            }

            AddBinary(labeled, positiveClass, metrics);
        }

        return metrics;
    }

    private static void AddBinary(List<ClassificationOutcome> labeled, string positiveClass, Dictionary<string, double> metrics)
    {
        long tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var outcome in labeled)
        {
            var predictedPositive = outcome.Predicted == positiveClass;
            var actualPositive = outcome.Actual == positiveClass;
            if (predictedPositive && actualPositive)
            {
                tp++;
            }
            else if (predictedPositive)
            {
                fp++;
            }
            else if (actualPositive)
            {
                fn++;
            }
            else
            {
                tn++;
            }
        }

        AddIfDefined(metrics, MetricNames.Precision, tp, tp + fp);
        AddIfDefined(metrics, MetricNames.Recall, tp, tp + fn);
        AddIfDefined(metrics, MetricNames.F1, 2 * tp, (2 * tp) + fp + fn);
        AddIfDefined(metrics, MetricNames.Specificity, tn, tn + fp);
        AddScoreMetrics(labeled, positiveClass, metrics);
    }

    private static void AddScoreMetrics(List<ClassificationOutcome> labeled, string positiveClass, Dictionary<string, double> metrics)
    {
        if (labeled.Count == 0 || labeled.Any(o => o.Score is null))
        {
            return;
        }

        var scores = new double[labeled.Count];
        var positive = new double[labeled.Count];
        var negative = new double[labeled.Count];
        for (var i = 0; i < labeled.Count; i++)
        {
            var score = labeled[i].Score!.Value;
            if (!double.IsFinite(score) || score < 0 || score > 1)
            {
                throw GyreException.InvalidInput(
                    $"Outcome score {score} at time {labeled[i].Time} is not a probability in [0, 1].");
            }

            scores[i] = score;
            positive[i] = labeled[i].Actual == positiveClass ? 1 : 0;
            negative[i] = 1 - positive[i];
        }

        var auc = RocAuc.Compute(scores, positive, negative);
        if (auc is null)
        {
            return;
        }

        metrics[MetricNames.RocAuc] = auc.Value;
        const double epsilon = 2.220446049250313e-16;
        double loss = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var p = Math.Clamp(scores[i], epsilon, 1 - epsilon);
            loss -= positive[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }

        metrics[MetricNames.LogLoss] = loss / scores.Length;
    }

    private static void AddMulticlass(List<ClassificationOutcome> labeled, Dictionary<string, double> metrics)
    {
        if (labeled.Count == 0)
        {
            return;
        }

        var classes = labeled.Select(o => o.Actual!).Concat(labeled.Select(o => o.Predicted)).Distinct(StringComparer.Ordinal).ToList();
        double macro = 0, weighted = 0;
        foreach (var label in classes)
        {
            long tp = 0, fp = 0, fn = 0;
            foreach (var outcome in labeled)
            {
                var predicted = outcome.Predicted == label;
                var actual = outcome.Actual == label;
                tp += predicted && actual ? 1 : 0;
                fp += predicted && !actual ? 1 : 0;
                fn += !predicted && actual ? 1 : 0;
            }

            var f1 = (2.0 * tp) / ((2 * tp) + fp + fn);
            macro += f1;
            weighted += f1 * (tp + fn);
        }

        metrics[MetricNames.MacroF1] = macro / classes.Count;
        metrics[MetricNames.WeightedF1] = weighted / labeled.Count;
    }

    private static void AddIfDefined(Dictionary<string, double> metrics, string name, long numerator, long denominator)
    {
        if (denominator > 0)
        {
            metrics[name] = numerator / (double)denominator;
        }
    }
}
