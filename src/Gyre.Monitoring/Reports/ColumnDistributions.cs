using System.Globalization;
using Gyre.Core;
using Gyre.Monitoring.Datasets;
using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Reports;

/// <summary>
/// Histogram overlays of columns from raw data, for reports. Numeric columns with at most <c>maxCategories</c>
/// distinct values (both sides together) get one bin per value; others get <c>numericBins</c> equal-width bins over the
/// reference range (<see cref="DriftBinning.EqualWidth"/>) plus "&lt; min" and "&gt; max" overflow bins. Categorical
/// columns get the most frequent categories (reference + current) and "(other)" for the rest. Missing values are not
/// counted; columns missing on either side, of different kinds, or without any reference value are skipped.
/// </summary>
public static class ColumnDistributions
{
    /// <summary>The bin that gathers categories beyond the most frequent ones.</summary>
    public const string OtherBin = "(other)";

    /// <summary>Distributions of <paramref name="columns"/> (in that order, skipped ones left out); reads the frames once per column.</summary>
    /// <param name="numericBins">Equal-width bins between the reference's min and max (at least 1).</param>
    /// <param name="maxCategories">Most categories (or distinct numbers) shown before folding or binning.</param>
    /// <exception cref="GyreException">InvalidInput when <paramref name="numericBins"/> &lt; 1 and a column needs binning.</exception>
    public static IReadOnlyList<ColumnDistribution> FromFrames(
        MonitoredFrame reference, MonitoredFrame current, IReadOnlyList<string> columns, int numericBins = 20, int maxCategories = 20)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(columns);
        var result = new List<ColumnDistribution>();
        foreach (var name in columns)
        {
            var distribution = (reference.Find(name), current.Find(name)) switch
            {
                (NumericColumn left, NumericColumn right) => Numeric(name, left.Values, right.Values, numericBins, maxCategories),
                (CategoricalColumn left, CategoricalColumn right) => Categorical(name, left.Values, right.Values, maxCategories),
                _ => null,
            };
            if (distribution is not null)
            {
                result.Add(distribution);
            }
        }

        return result;
    }

    private static ColumnDistribution? Numeric(string name, double[] reference, double[] current, int bins, int maxValues)
    {
        if (!reference.Any(double.IsFinite))
        {
            return null;
        }

        var distinct = new SortedDictionary<double, (long Reference, long Current)>();
        foreach (var value in reference.Where(double.IsFinite))
        {
            distinct[value] = distinct.TryGetValue(value, out var c) ? (c.Reference + 1, c.Current) : (1, 0);
            if (distinct.Count > maxValues)
            {
                break;
            }
        }

        if (distinct.Count <= maxValues)
        {
            foreach (var value in current.Where(double.IsFinite))
            {
                distinct[value] = distinct.TryGetValue(value, out var c) ? (c.Reference, c.Current + 1) : (0, 1);
                if (distinct.Count > maxValues)
                {
                    break;
                }
            }
        }

        if (distinct.Count <= maxValues)
        {
            // Complete counts: both loops ran to the end without passing the limit.
            return new ColumnDistribution(
                name, DriftColumnKind.Numerical, [.. distinct.Keys.Select(Format)], [.. distinct.Values.Select(v => v.Reference)], [.. distinct.Values.Select(v => v.Current)]);
        }

        var binning = DriftBinning.EqualWidth(reference, bins);
        var edges = binning.Edges;
        var labels = new List<string> { "< " + Format(edges[0]) };
        labels.AddRange(Enumerable.Range(0, edges.Count - 1).Select(i => $"[{Format(edges[i])}, {Format(edges[i + 1])}{(i == edges.Count - 2 ? "]" : ")")}"));
        labels.Add("> " + Format(edges[^1]));
        return new ColumnDistribution(name, DriftColumnKind.Numerical, labels, binning.Count(reference), binning.Count(current));
    }

    private static ColumnDistribution? Categorical(string name, string?[] reference, string?[] current, int maxCategories)
    {
        var counts = new Dictionary<string, (long Reference, long Current)>(StringComparer.Ordinal);
        foreach (var value in reference.OfType<string>())
        {
            counts[value] = counts.TryGetValue(value, out var c) ? (c.Reference + 1, c.Current) : (1, 0);
        }

        foreach (var value in current.OfType<string>())
        {
            counts[value] = counts.TryGetValue(value, out var c) ? (c.Reference, c.Current + 1) : (0, 1);
        }

        if (counts.Count == 0)
        {
            return null;
        }

        var ordered = counts.OrderByDescending(p => p.Value.Reference + p.Value.Current).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var top = ordered.Take(maxCategories).ToList();
        var labels = top.Select(p => p.Key).ToList();
        var referenceCounts = top.Select(p => p.Value.Reference).ToList();
        var currentCounts = top.Select(p => p.Value.Current).ToList();
        if (ordered.Count > maxCategories)
        {
            var rest = ordered.Skip(maxCategories).ToList();
            labels.Add(OtherBin);
            referenceCounts.Add(rest.Sum(p => p.Value.Reference));
            currentCounts.Add(rest.Sum(p => p.Value.Current));
        }

        return new ColumnDistribution(name, DriftColumnKind.Categorical, labels, referenceCounts, currentCounts);
    }

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
