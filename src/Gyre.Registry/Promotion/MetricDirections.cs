namespace Gyre.Registry.Promotion;

/// <summary>Which way each known metric improves. Names are compared case-insensitively.</summary>
public static class MetricDirections
{
    private static readonly HashSet<string> HigherIsBetter = new(StringComparer.OrdinalIgnoreCase)
    {
        "auc", "roc_auc", "accuracy", "f1", "precision", "recall", "pr_auc", "r2", "balanced_accuracy", "macro_accuracy", "micro_accuracy", "macro_f1",
    };

    private static readonly HashSet<string> LowerIsBetter = new(StringComparer.OrdinalIgnoreCase)
    {
        "log_loss", "rmse", "mae", "mse", "brier",
    };

    /// <summary>True when the metric is known (either direction).</summary>
    public static bool IsKnown(string metric) => HigherIsBetter.Contains(metric) || LowerIsBetter.Contains(metric);

    /// <summary>
    /// The improvement from <paramref name="before"/> to <paramref name="after"/>, positive when
    /// <paramref name="after"/> is better. Throws <see cref="Gyre.Core.GyreException"/> (InvalidInput) for an
    /// unknown metric.
    /// </summary>
    public static double Improvement(string metric, double before, double after)
    {
        if (HigherIsBetter.Contains(metric))
        {
            return after - before;
        }

        if (LowerIsBetter.Contains(metric))
        {
            return before - after;
        }

        throw Gyre.Core.GyreException.InvalidInput($"Unknown metric '{metric}': its direction (higher or lower is better) is not known.");
    }
}
