namespace Gyre.Training.Evaluation;

/// <summary>Argument checks shared by the metric computations; each throws <see cref="ArgumentException"/>
/// (or <see cref="ArgumentNullException"/>) naming the parameter at fault.</summary>
internal static class MetricArguments
{
    /// <summary>Checks that both lists exist, are non-empty and have the same length.</summary>
    public static void RequireSameNonEmptyLength<TLabel, TValue>(
        IReadOnlyList<TLabel> labels,
        IReadOnlyList<TValue> values,
        string labelsName,
        string valuesName)
    {
        ArgumentNullException.ThrowIfNull(labels, labelsName);
        ArgumentNullException.ThrowIfNull(values, valuesName);
        if (labels.Count == 0)
        {
            throw new ArgumentException("At least one example is needed to compute a metric.", labelsName);
        }

        if (values.Count != labels.Count)
        {
            throw new ArgumentException(
                $"{valuesName} has {values.Count} entries but {labelsName} has {labels.Count}; they must match.",
                valuesName);
        }
    }

    /// <summary>Checks that <paramref name="probability"/> is a number in [0, 1].</summary>
    public static void RequireProbability(double probability, string parameterName, string position)
    {
        if (!(probability is >= 0.0 and <= 1.0))
        {
            throw new ArgumentException(
                $"{parameterName}{position} is {probability}; a probability must be a number in [0, 1].",
                parameterName);
        }
    }

    /// <summary>Checks that <paramref name="value"/> is finite (not NaN, not infinite).</summary>
    public static void RequireFinite(double value, string parameterName, int index)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException(
                $"{parameterName}[{index}] is {value}; values must be finite numbers.", parameterName);
        }
    }
}
