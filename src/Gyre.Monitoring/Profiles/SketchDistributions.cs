using System.Globalization;
using Gyre.Monitoring.Drift;
using Gyre.Monitoring.Reports;

namespace Gyre.Monitoring.Profiles;

/// <summary>
/// Histogram overlays of columns from two profiles (no raw rows), for reports. Numeric columns: per-value bins when
/// both sides have exact per-value counts of at most <c>maxCategories</c> values; otherwise <c>numericBins</c>
/// equal-width bins over the reference [min, max] plus "&lt; min" / "&gt; max" overflow bins, counts estimated from the
/// KLL ranks (within the sketches' rank error). Categorical columns: the most frequent categories (by reference +
/// current estimate) and "(other)" for the rest. Columns missing on either side, or of different kinds, are skipped.
/// </summary>
public static class SketchDistributions
{
    public static IReadOnlyList<ColumnDistribution> From(
        DatasetSketch reference, DatasetSketch current, IReadOnlyList<string> columns, int numericBins = 20, int maxCategories = 20)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(columns);
        var result = new List<ColumnDistribution>();
        foreach (var name in columns)
        {
            if (reference.Find(name) is not { } left || current.Find(name) is not { } right || left.Kind != right.Kind)
            {
                continue;
            }

            var distribution = left.Kind == DriftColumnKind.Categorical
                ? Categorical(left, right, maxCategories)
                : Numeric(left, right, numericBins, maxCategories);
            if (distribution is not null)
            {
                result.Add(distribution);
            }
        }

        return result;
    }

    private static ColumnDistribution? Numeric(ColumnSketch reference, ColumnSketch current, int bins, int maxValues)
    {
        if (reference.Quantiles is not { Count: > 0 } left || current.Quantiles is not { } right)
        {
            return null;
        }

        if (reference.DiscreteCounts() is { } leftValues && current.DiscreteCounts() is { } rightValues)
        {
            var values = leftValues.Select(p => p.Key).Concat(rightValues.Select(p => p.Key)).Distinct().Order().ToList();
            if (values.Count <= maxValues)
            {
                var leftMap = leftValues.ToDictionary(p => p.Key, p => p.Value);
                var rightMap = rightValues.ToDictionary(p => p.Key, p => p.Value);
                return new ColumnDistribution(
                    reference.Name,
                    DriftColumnKind.Numerical,
                    [.. values.Select(v => Format(v))],
                    [.. values.Select(v => leftMap.GetValueOrDefault(v))],
                    [.. values.Select(v => rightMap.GetValueOrDefault(v))]);
            }
        }

        var min = left.Min;
        var max = left.Max;
        if (min == max)
        {
            (min, max) = (min - 0.5, max + 0.5);
        }

        var edges = Enumerable.Range(0, bins + 1).Select(i => i == bins ? max : min + ((max - min) * i / bins)).ToArray();
        var labels = new List<string> { "< " + Format(min) };
        labels.AddRange(Enumerable.Range(0, bins).Select(i => $"[{Format(edges[i])}, {Format(edges[i + 1])}{(i == bins - 1 ? "]" : ")")}"));
        labels.Add("> " + Format(max));
        return new ColumnDistribution(reference.Name, DriftColumnKind.Numerical, labels, Counts(left, edges), right.Count == 0 ? new long[bins + 2] : Counts(right, edges));
    }

    /// <summary>Underflow, the equal-width bins ([a, b) except the last, [a, b]) and overflow, from ranks.</summary>
    private static long[] Counts(KllSketch sketch, double[] edges)
    {
        double Below(double x) => sketch.Rank(Math.BitDecrement(x));
        var n = sketch.Count;
        var bins = edges.Length - 1;
        var cumulative = new double[bins + 3];
        cumulative[0] = 0;
        cumulative[1] = Below(edges[0]);
        for (var i = 1; i < bins; i++)
        {
            cumulative[i + 1] = Below(edges[i]);
        }

        cumulative[bins + 1] = sketch.Rank(edges[^1]);
        cumulative[bins + 2] = 1;
        var counts = new long[bins + 2];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = (long)Math.Round(Math.Max(0, cumulative[i + 1] - cumulative[i]) * n);
        }

        return counts;
    }

    private static ColumnDistribution? Categorical(ColumnSketch reference, ColumnSketch current, int maxCategories)
    {
        if (reference.FrequentItems is not { } left || current.FrequentItems is not { } right)
        {
            return null;
        }

        var leftMap = left.Items.ToDictionary(i => i.Item, i => i.LowerBound, StringComparer.Ordinal);
        var rightMap = right.Items.ToDictionary(i => i.Item, i => i.LowerBound, StringComparer.Ordinal);
        var top = leftMap.Keys.Union(rightMap.Keys, StringComparer.Ordinal)
            .OrderByDescending(k => leftMap.GetValueOrDefault(k) + rightMap.GetValueOrDefault(k)).ThenBy(k => k, StringComparer.Ordinal)
            .Take(maxCategories).ToList();
        var labels = new List<string>(top);
        var leftCounts = top.Select(k => leftMap.GetValueOrDefault(k)).ToList();
        var rightCounts = top.Select(k => rightMap.GetValueOrDefault(k)).ToList();
        var leftOther = left.TotalCount - leftCounts.Sum();
        var rightOther = right.TotalCount - rightCounts.Sum();
        if (leftOther > 0 || rightOther > 0)
        {
            labels.Add(ColumnDistributions.OtherBin);
            leftCounts.Add(leftOther);
            rightCounts.Add(rightOther);
        }

        return new ColumnDistribution(reference.Name, DriftColumnKind.Categorical, labels, leftCounts, rightCounts);
    }

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
