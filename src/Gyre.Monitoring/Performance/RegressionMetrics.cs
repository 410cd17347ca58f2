namespace Gyre.Monitoring.Performance;

/// <summary>
/// Realized regression metrics from outcomes whose labels have arrived, with scikit-learn's definitions:
/// <c>mae</c>, <c>rmse</c>, <c>r2</c> (absent when fewer than 2 labeled rows or the actuals are constant) and
/// <c>mape</c> as a fraction (absent when any actual is 0). Empty when no row is labeled; never NaN.
/// </summary>
/// <remarks>Thread-safe (no state).</remarks>
public static class RegressionMetrics
{
    /// <summary>Computes the metrics over the labeled rows of <paramref name="outcomes"/>.</summary>
    public static IReadOnlyDictionary<string, double> Compute(IReadOnlyList<RegressionOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        var labeled = outcomes.Where(o => o.Actual is double a && double.IsFinite(a) && double.IsFinite(o.Predicted)).ToList();
        if (labeled.Count == 0)
        {
            return metrics;
        }

        double n = labeled.Count;
        double absolute = 0, squared = 0, actualSum = 0, percentage = 0;
        var anyZero = false;
        foreach (var outcome in labeled)
        {
            var actual = outcome.Actual!.Value;
            var error = actual - outcome.Predicted;
            absolute += Math.Abs(error);
            squared += error * error;
            actualSum += actual;
            anyZero |= actual == 0;
            percentage += actual == 0 ? 0 : Math.Abs(error) / Math.Abs(actual);
        }

        metrics[MetricNames.Mae] = absolute / n;
        metrics[MetricNames.Rmse] = Math.Sqrt(squared / n);
        var mean = actualSum / n;
        var total = labeled.Sum(o => (o.Actual!.Value - mean) * (o.Actual!.Value - mean));
        if (labeled.Count >= 2 && total > 0)
        {
            metrics[MetricNames.R2] = 1 - (squared / total);
        }

        if (!anyZero)
        {
            metrics[MetricNames.Mape] = percentage / n;
        }

        return metrics;
    }
}
