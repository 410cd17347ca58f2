namespace Gyre.Training.Evaluation;

/// <summary>Aggregate of one metric over cross-validation folds.</summary>
/// <param name="Name">The metric key, as in the folds' dictionaries.</param>
/// <param name="Mean">Arithmetic mean of <paramref name="PerFold"/>.</param>
/// <param name="StdDev">Population standard deviation of <paramref name="PerFold"/> (ddof = 0, as
/// <c>numpy.std</c>, the usual "mean ± std" of <c>cross_val_score</c> reports); 0 for one fold.</param>
/// <param name="PerFold">The metric's value in each fold, in fold order. A NaN in any fold (e.g. a ROC AUC
/// of a fold holding one class) makes <paramref name="Mean"/> and <paramref name="StdDev"/> NaN.</param>
public sealed record MetricSummary(string Name, double Mean, double StdDev, IReadOnlyList<double> PerFold)
{
    /// <summary>Summarizes each metric over the folds.</summary>
    /// <param name="folds">One dictionary of metric values per fold, e.g. from <c>BinaryMetrics.ToDictionary()</c>.</param>
    /// <returns>One summary per metric key present in every fold, in the enumeration order of the first
    /// fold's keys; keys missing from some fold are left out.</returns>
    /// <exception cref="ArgumentException"><paramref name="folds"/> is null or empty, or a fold is null.</exception>
    public static IReadOnlyList<MetricSummary> Summarize(IReadOnlyList<IReadOnlyDictionary<string, double>> folds)
    {
        ArgumentNullException.ThrowIfNull(folds);
        if (folds.Count == 0)
        {
            throw new ArgumentException("At least one fold is needed to summarize metrics.", nameof(folds));
        }

        for (var f = 0; f < folds.Count; f++)
        {
            if (folds[f] is null)
            {
                throw new ArgumentException($"folds[{f}] is null.", nameof(folds));
            }
        }

        var summaries = new List<MetricSummary>();
        foreach (var name in folds[0].Keys)
        {
            var perFold = new double[folds.Count];
            var presentEverywhere = true;
            for (var f = 0; f < folds.Count && presentEverywhere; f++)
            {
                presentEverywhere = folds[f].TryGetValue(name, out perFold[f]);
            }

            if (presentEverywhere)
            {
                summaries.Add(Of(name, perFold));
            }
        }

        return summaries;
    }

    private static MetricSummary Of(string name, double[] perFold)
    {
        var sum = new CompensatedSum();
        foreach (var value in perFold)
        {
            sum.Add(value);
        }

        var mean = sum.Value / perFold.Length;
        var squaredDeviations = new CompensatedSum();
        foreach (var value in perFold)
        {
            var deviation = value - mean;
            squaredDeviations.Add(deviation * deviation);
        }

        return new MetricSummary(name, mean, Math.Sqrt(squaredDeviations.Value / perFold.Length), perFold);
    }
}
