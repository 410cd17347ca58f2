using Gyre.Core;

namespace Gyre.Monitoring.Drift;

/// <summary>
/// An explicit binning fitted on the reference and stored with it, so every later window is counted
/// into the same bins. Unlike Evidently (which ignores <c>n_bins</c> and re-bins each comparison),
/// the requested number of bins is honoured.
/// </summary>
/// <remarks>
/// Bin layout returned by the <c>Count</c> methods:
/// <list type="bullet">
/// <item>Numeric: index 0 = underflow (value &lt; first edge), 1..k = the k equal-width bins
/// (numpy histogram semantics: [a, b) except the last, which is [a, b]), k + 1 = overflow (value &gt; last edge).</item>
/// <item>Categorical: index i &lt; k = <see cref="Categories"/>[i] (ordinal string comparison), k = "new category".</item>
/// </list>
/// NaN and ±∞ (numeric) and null (categorical) are missing and not counted. Immutable and thread-safe.
/// </remarks>
public sealed record DriftBinning
{
    private DriftBinning(DriftBinningKind kind, double[] edges, string[] categories)
    {
        Kind = kind;
        Edges = edges;
        Categories = categories;
    }

    /// <summary>Numeric or categorical.</summary>
    public DriftBinningKind Kind { get; }

    /// <summary>Numeric bin edges, ascending, k + 1 values (empty for categorical).</summary>
    public IReadOnlyList<double> Edges { get; }

    /// <summary>Reference categories in ordinal order (empty for numeric).</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Total number of bins, including the underflow/overflow or new-category bins.</summary>
    public int BinCount => Kind == DriftBinningKind.Numeric ? Edges.Count + 1 : Categories.Count + 1;

    /// <summary>
    /// Equal-width bins over [min, max] of the finite reference values, as
    /// <c>np.histogram_bin_edges(reference, bins=binCount)</c> (a constant reference gives [v − 0.5, v + 0.5]).
    /// </summary>
    /// <exception cref="GyreException"><paramref name="binCount"/> &lt; 1 or the reference has no finite value.</exception>
    public static DriftBinning EqualWidth(ReadOnlySpan<double> reference, int binCount)
    {
        if (binCount < 1)
        {
            throw GyreException.InvalidInput($"The number of drift bins must be at least 1 (got {binCount}).");
        }

        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var value in reference)
        {
            if (double.IsFinite(value))
            {
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }
        }

        if (min > max)
        {
            throw GyreException.InvalidInput("Cannot fit drift bins: the reference has no finite value.");
        }

        if (min == max)
        {
            min -= 0.5;
            max += 0.5;
        }

        var edges = new double[binCount + 1];
        var step = (max - min) / binCount;
        for (var i = 0; i < binCount; i++)
        {
            edges[i] = (i * step) + min;
        }

        edges[binCount] = max;
        return new DriftBinning(DriftBinningKind.Numeric, edges, []);
    }

    /// <summary>Numeric bins with the given edges (at least two, strictly increasing, finite).</summary>
    /// <exception cref="GyreException">The edges are not valid.</exception>
    public static DriftBinning FromEdges(IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        if (edges.Count < 2)
        {
            throw GyreException.InvalidInput($"Drift bin edges need at least two values (got {edges.Count}).");
        }

        for (var i = 0; i < edges.Count; i++)
        {
            if (!double.IsFinite(edges[i]) || (i > 0 && edges[i] <= edges[i - 1]))
            {
                throw GyreException.InvalidInput($"Drift bin edges must be finite and strictly increasing (edge {i} is {edges[i]}).");
            }
        }

        return new DriftBinning(DriftBinningKind.Numeric, [.. edges], []);
    }

    /// <summary>One bin per distinct non-null reference category, in ordinal order.</summary>
    public static DriftBinning FromCategories(IEnumerable<string?> reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in reference)
        {
            if (value is not null)
            {
                distinct.Add(value);
            }
        }

        var categories = distinct.ToArray();
        Array.Sort(categories, StringComparer.Ordinal);
        return new DriftBinning(DriftBinningKind.Categorical, [], categories);
    }

    /// <summary>Counts finite values into the numeric bins (layout in the type remarks).</summary>
    /// <exception cref="GyreException">This binning is categorical.</exception>
    public long[] Count(ReadOnlySpan<double> values)
    {
        if (Kind != DriftBinningKind.Numeric)
        {
            throw GyreException.InvalidInput("A categorical drift binning cannot count numeric values.");
        }

        var edges = (double[])Edges;
        var binCount = edges.Length - 1;
        var first = edges[0];
        var last = edges[binCount];
        var counts = new long[binCount + 2];
        var norm = binCount / (last - first);
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                continue;
            }

            if (value < first)
            {
                counts[0]++;
                continue;
            }

            if (value > last)
            {
                counts[binCount + 1]++;
                continue;
            }

            var index = (int)Math.Min((value - first) * norm, binCount - 1);
            if (value < edges[index])
            {
                index--;
            }
            else if (index != binCount - 1 && value >= edges[index + 1])
            {
                index++;
            }

            counts[index + 1]++;
        }

        return counts;
    }

    /// <summary>Counts non-null categories into the categorical bins (layout in the type remarks).</summary>
    /// <exception cref="GyreException">This binning is numeric.</exception>
    public long[] Count(IEnumerable<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var index = CategoryIndex();
        var counts = new long[Categories.Count + 1];
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            counts[index.TryGetValue(value, out var bin) ? bin : Categories.Count]++;
        }

        return counts;
    }

    /// <summary>The distinct non-null values of <paramref name="values"/> absent from the reference categories, ordinal order.</summary>
    /// <exception cref="GyreException">This binning is numeric.</exception>
    public IReadOnlyList<string> NewCategories(IEnumerable<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var index = CategoryIndex();
        var unseen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (value is not null && !index.ContainsKey(value))
            {
                unseen.Add(value);
            }
        }

        var result = unseen.ToArray();
        Array.Sort(result, StringComparer.Ordinal);
        return result;
    }

    /// <summary>Shares of each bin: counts / their total (all zeros when the total is 0).</summary>
    public static double[] Shares(ReadOnlySpan<long> counts)
    {
        long total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

        var shares = new double[counts.Length];
        if (total == 0)
        {
            return shares;
        }

        for (var i = 0; i < counts.Length; i++)
        {
            shares[i] = counts[i] / (double)total;
        }

        return shares;
    }

    private Dictionary<string, int> CategoryIndex()
    {
        if (Kind != DriftBinningKind.Categorical)
        {
            throw GyreException.InvalidInput("A numeric drift binning cannot count categories.");
        }

        var index = new Dictionary<string, int>(Categories.Count, StringComparer.Ordinal);
        for (var i = 0; i < Categories.Count; i++)
        {
            index[Categories[i]] = i;
        }

        return index;
    }
}
