using Gyre.Core;
using Gyre.Data.Tables;

namespace Gyre.Data.Profiling;

/// <summary>
/// Computes a <see cref="DatasetProfile"/> of an in-memory table. Numeric statistics ignore NaN (missing)
/// and match numpy: mean, sample std (ddof = 1), <c>np.quantile</c> (linear), <c>np.histogram</c>.
/// Pure and thread-safe.
/// </summary>
public static class DatasetProfiler
{
    private static readonly double[] QuantileLevels = [0.01, 0.05, 0.25, 0.50, 0.75, 0.95, 0.99];

    public static DatasetProfile Profile(DataTable table, ProfileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new ProfileOptions();
        if (options.HistogramBins < 1 || options.TopCategories < 0 || options.MaxDistinct < 1)
        {
            throw GyreException.InvalidInput("Profile options: HistogramBins and MaxDistinct must be at least 1, TopCategories at least 0.");
        }

        return new DatasetProfile(DatasetProfile.CurrentFormatVersion, table.RowCount, [.. table.Columns.Select(c => ProfileColumn(c, options))]);
    }

    /// <summary>Quantile <paramref name="q"/> of ascending <paramref name="sorted"/> values, numpy "linear" method.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0 || q is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(q), "Needs values and 0 ≤ q ≤ 1.");
        }

        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        var t = h - lo;
        var a = sorted[lo];
        var b = sorted[hi];
        // numpy's _lerp: a + (b - a)·t, computed from the upper end when t ≥ 0.5 for accuracy.
        return t >= 0.5 ? b - ((b - a) * (1 - t)) : a + ((b - a) * t);
    }

    /// <summary>numpy.histogram(values, bins) over [min, max] of the (finite) values.</summary>
    public static Histogram ComputeHistogram(IReadOnlyList<double> values, double min, double max, int bins)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (min == max)
        {
            min -= 0.5;
            max += 0.5;
        }

        var edges = new double[bins + 1];
        var step = (max - min) / bins;
        for (var i = 0; i <= bins; i++)
        {
            edges[i] = (i * step) + min;
        }

        edges[bins] = max;
        var counts = new long[bins];
        var norm = bins / (max - min);
        foreach (var x in values)
        {
            var index = (int)((x - min) * norm);
            if (index == bins)
            {
                index--;
            }

            if (x < edges[index])
            {
                index--;
            }
            else if (index != bins - 1 && x >= edges[index + 1])
            {
                index++;
            }

            counts[index]++;
        }

        return new Histogram(edges, counts);
    }

    private static ColumnProfile ProfileColumn(DataColumn column, ProfileOptions options) => column switch
    {
        NumericColumn numeric => ProfileNumeric(numeric, options),
        DateTimeColumn dates => ProfileDates(dates, options),
        BooleanColumn booleans => ProfileValues(column, options, [.. Enumerable.Range(0, booleans.Length).Select(booleans.FormatValue)]),
        StringColumn strings => ProfileValues(column, options, strings.Values),
        _ => throw new NotSupportedException($"Column type {column.GetType().Name} cannot be profiled."),
    };

    private static ColumnProfile ProfileNumeric(NumericColumn column, ProfileOptions options)
    {
        var values = column.Values.Where(v => !double.IsNaN(v)).ToArray();
        var missing = column.Length - values.Length;
        var (distinct, capped) = CountDistinct(values, options.MaxDistinct);
        if (values.Length == 0)
        {
            return new ColumnProfile(column.Name, column.Type, 0, missing, 0, false);
        }

        double mean = 0, m2 = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var delta = values[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (values[i] - mean);
        }

        var std = values.Length > 1 ? Math.Sqrt(m2 / (values.Length - 1)) : (double?)null;
        var sorted = values.Order().ToArray();
        var q = QuantileLevels.Select(l => Quantile(sorted, l)).ToArray();
        var finite = sorted.Where(double.IsFinite).ToArray();
        var histogram = finite.Length > 0 ? ComputeHistogram(finite, finite[0], finite[^1], options.HistogramBins) : null;
        return new ColumnProfile(column.Name, column.Type, values.Length, missing, distinct, capped,
            Min: sorted[0], Max: sorted[^1], Mean: mean, Std: std,
            Quantiles: new QuantileSummary(q[0], q[1], q[2], q[3], q[4], q[5], q[6]), Histogram: histogram);
    }

    private static ColumnProfile ProfileDates(DateTimeColumn column, ProfileOptions options)
    {
        var values = column.Values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
        var (distinct, capped) = CountDistinct(values, options.MaxDistinct);
        return new ColumnProfile(column.Name, column.Type, values.Length, column.Length - values.Length, distinct, capped,
            MinTimestamp: values.Length > 0 ? values.Min() : null, MaxTimestamp: values.Length > 0 ? values.Max() : null);
    }

    private static ColumnProfile ProfileValues(DataColumn column, ProfileOptions options, string?[] values)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long present = 0;
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            present++;
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }

        var top = counts
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(options.TopCategories)
            .Select(p => new CategoryCount(p.Key, p.Value))
            .ToArray();
        var capped = counts.Count > options.MaxDistinct;
        return new ColumnProfile(column.Name, column.Type, present, values.Length - present, capped ? options.MaxDistinct : counts.Count, capped, TopValues: top);
    }

    private static (long Distinct, bool Capped) CountDistinct<T>(IEnumerable<T> values, int cap)
    {
        var seen = new HashSet<T>();
        foreach (var value in values)
        {
            if (seen.Add(value) && seen.Count > cap)
            {
                return (cap, true);
            }
        }

        return (seen.Count, false);
    }
}
