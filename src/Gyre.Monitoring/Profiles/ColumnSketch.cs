using System.Globalization;
using System.Text.Json.Serialization;
using Gyre.Core;
using Gyre.Monitoring.Datasets;
using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Profiles;

/// <summary>
/// The mergeable profile of one column: row and missing counts, a distinct-count sketch, and for numeric
/// columns moments, a KLL quantile sketch and (while the column has few distinct values) exact per-value
/// counts; for categorical columns a frequent-items sketch. Missing = NaN/±∞ (numeric) or null (categorical).
/// </summary>
/// <remarks>
/// Immutable once built: <see cref="Merge"/> returns a new sketch and leaves both inputs unchanged. Counts,
/// missing counts, min/max and exact value counts merge exactly (associative and commutative); moments merge
/// up to rounding; the sketches keep their stated error bounds (see <see cref="KllSketch"/>,
/// <see cref="HyperLogLog"/>, <see cref="FrequentItems"/>). Size is O(k log n), independent of the row count
/// beyond that. Do not mutate the exposed sketches.
/// </remarks>
public sealed class ColumnSketch
{
    private ColumnSketch(
        string name, DriftColumnKind kind, long count, long missing, HyperLogLog distinct,
        RunningMoments? moments, KllSketch? quantiles, FrequentItems? discreteValues, FrequentItems? frequentItems)
    {
        Name = name;
        Kind = kind;
        Count = count;
        Missing = missing;
        Distinct = distinct;
        Moments = moments;
        Quantiles = quantiles;
        DiscreteValues = discreteValues;
        FrequentItems = frequentItems;
    }

    /// <summary>Column name.</summary>
    public string Name { get; }

    /// <summary>Numerical or categorical.</summary>
    public DriftColumnKind Kind { get; }

    /// <summary>Rows, missing ones included.</summary>
    public long Count { get; }

    /// <summary>Missing values (NaN/±∞ or null).</summary>
    public long Missing { get; }

    /// <summary>Non-missing values.</summary>
    public long NonMissingCount => Count - Missing;

    /// <summary>Distinct non-missing values (estimate).</summary>
    public HyperLogLog Distinct { get; }

    /// <summary>Moments of the non-missing values; null for categorical columns.</summary>
    public RunningMoments? Moments { get; }

    /// <summary>Quantile sketch of the non-missing values; null for categorical columns.</summary>
    public KllSketch? Quantiles { get; }

    /// <summary>
    /// Exact counts per distinct value (keys = invariant round-trip "R" strings) of a numeric column with at most
    /// <see cref="SketchOptions.DiscreteValueLimit"/> distinct values; null otherwise (or for categorical columns).
    /// Always exact when present.
    /// </summary>
    public FrequentItems? DiscreteValues { get; }

    /// <summary>Frequent categories; null for numeric columns.</summary>
    public FrequentItems? FrequentItems { get; }

    /// <summary>Profiles one column.</summary>
    /// <param name="column">The values.</param>
    /// <param name="options">Sketch parameters (validated by the caller).</param>
    /// <param name="seed">Seed of the KLL coin flips.</param>
    public static ColumnSketch Build(MonitoredColumn column, SketchOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(options);
        var distinct = new HyperLogLog(options.HllLgK);
        if (column is CategoricalColumn categorical)
        {
            var frequent = new FrequentItems(options.FrequentItemsCapacity);
            long missingCategories = 0;
            foreach (var value in categorical.Values)
            {
                if (value is null)
                {
                    missingCategories++;
                    continue;
                }

                frequent.Add(value);
                distinct.Add(value);
            }

            return new ColumnSketch(
                column.Name, DriftColumnKind.Categorical, column.Length, missingCategories, distinct, null, null, null, frequent);
        }

        var numeric = (NumericColumn)column;
        var moments = new RunningMoments();
        var quantiles = new KllSketch(options.KllK, seed);
        Dictionary<double, long>? perValue = [];
        long missing = 0;
        foreach (var value in numeric.Values)
        {
            if (!double.IsFinite(value))
            {
                missing++;
                continue;
            }

            moments.Add(value);
            quantiles.Add(value);
            distinct.Add(value);
            if (perValue is not null)
            {
                var key = value == 0 ? 0.0 : value;
                perValue[key] = perValue.GetValueOrDefault(key) + 1;
                if (perValue.Count > options.DiscreteValueLimit)
                {
                    perValue = null;
                }
            }
        }

        FrequentItems? discrete = null;
        if (perValue is not null)
        {
            discrete = new FrequentItems(options.DiscreteValueLimit);
            foreach (var (value, count) in perValue)
            {
                discrete.Add(NumberKey(value), count);
            }
        }

        return new ColumnSketch(column.Name, DriftColumnKind.Numerical, column.Length, missing, distinct, moments, quantiles, discrete, null);
    }

    /// <summary>The sketch of the two columns' rows together; neither input changes.</summary>
    /// <exception cref="GyreException">InvalidInput naming the column when names, kinds or sketch parameters differ.</exception>
    public ColumnSketch Merge(ColumnSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!string.Equals(other.Name, Name, StringComparison.Ordinal))
        {
            throw GyreException.InvalidInput($"Cannot merge the profile of column '{Name}' with that of column '{other.Name}'.");
        }

        if (other.Kind != Kind)
        {
            throw GyreException.InvalidInput($"Cannot merge profiles of column '{Name}': it is {Kind} in one and {other.Kind} in the other.");
        }

        try
        {
            var distinct = Distinct.Copy();
            distinct.Merge(other.Distinct);
            if (Kind == DriftColumnKind.Categorical)
            {
                var frequent = FrequentItems!.Copy();
                frequent.Merge(other.FrequentItems!);
                return new ColumnSketch(Name, Kind, Count + other.Count, Missing + other.Missing, distinct, null, null, null, frequent);
            }

            var moments = Moments!.Copy();
            moments.Merge(other.Moments!);
            var quantiles = Quantiles!.Copy();
            quantiles.Merge(other.Quantiles!);
            FrequentItems? discrete = null;
            if (DiscreteValues is not null && other.DiscreteValues is not null && DiscreteValues.Capacity == other.DiscreteValues.Capacity)
            {
                discrete = DiscreteValues.Copy();
                discrete.Merge(other.DiscreteValues);
                if (!discrete.IsExact || discrete.KeptCount > discrete.Capacity)
                {
                    discrete = null;
                }
            }

            return new ColumnSketch(Name, Kind, Count + other.Count, Missing + other.Missing, distinct, moments, quantiles, discrete, null);
        }
        catch (GyreException error) when (error.Kind == ErrorKind.InvalidInput)
        {
            throw new GyreException(ErrorKind.InvalidInput, $"Cannot merge profiles of column '{Name}': {error.Message}", error);
        }
    }

    /// <summary>Exact counts per numeric value, ascending by value, when <see cref="DiscreteValues"/> is present.</summary>
    public IReadOnlyList<KeyValuePair<double, long>>? DiscreteCounts() =>
        DiscreteValues is null
            ? null
            : [.. DiscreteValues.Counters
                .Select(pair => new KeyValuePair<double, long>(double.Parse(pair.Key, NumberStyles.Float, CultureInfo.InvariantCulture), pair.Value))
                .OrderBy(pair => pair.Key)];

    /// <summary>The invariant round-trip key of a numeric value in <see cref="DiscreteValues"/>.</summary>
    public static string NumberKey(double value) => (value == 0 ? 0.0 : value).ToString("R", CultureInfo.InvariantCulture);

    internal ColumnState ToState() => new(
        Name,
        Kind == DriftColumnKind.Numerical ? NumericalKind : CategoricalKind,
        Count,
        Missing,
        Distinct.ToState(),
        Moments?.ToState(),
        Quantiles?.ToState(),
        DiscreteValues?.ToState(),
        FrequentItems?.ToState());

    internal static ColumnSketch FromState(ColumnState state, string source)
    {
        var name = SketchJson.Required(state.Name, "columns[].name", source);
        var where = $"{source} (column '{name}')";
        var distinct = HyperLogLog.FromState(SketchJson.Required(state.Distinct, "distinct", where), where);
        if (state.Count < 0 || state.Missing < 0 || state.Missing > state.Count)
        {
            throw GyreException.InvalidInput($"Profile JSON in {where}: count {state.Count} and missing {state.Missing} are inconsistent.");
        }

        switch (state.Kind)
        {
            case CategoricalKind:
                var frequent = Profiles.FrequentItems.FromState(SketchJson.Required(state.FrequentItems, "frequent_items", where), where);
                CheckTotal(frequent.TotalCount, state, where);
                return new ColumnSketch(name, DriftColumnKind.Categorical, state.Count, state.Missing, distinct, null, null, null, frequent);
            case NumericalKind:
                var moments = RunningMoments.FromState(SketchJson.Required(state.Moments, "moments", where), where);
                var quantiles = KllSketch.FromState(SketchJson.Required(state.Quantiles, "quantiles", where), where);
                var discrete = state.DiscreteValues is null ? null : Profiles.FrequentItems.FromState(state.DiscreteValues, where);
                CheckTotal(moments.Count, state, where);
                CheckTotal(quantiles.Count, state, where);
                if (discrete is not null)
                {
                    CheckTotal(discrete.TotalCount, state, where);
                }

                return new ColumnSketch(name, DriftColumnKind.Numerical, state.Count, state.Missing, distinct, moments, quantiles, discrete, null);
            default:
                throw GyreException.InvalidInput($"Profile JSON in {where}: kind must be '{NumericalKind}' or '{CategoricalKind}' (got '{state.Kind}').");
        }
    }

    private const string NumericalKind = "numerical";
    private const string CategoricalKind = "categorical";

    private static void CheckTotal(long total, ColumnState state, string where)
    {
        if (total != state.Count - state.Missing)
        {
            throw GyreException.InvalidInput(
                $"Profile JSON in {where}: a sketch holds {total} values but the column has {state.Count - state.Missing} non-missing values.");
        }
    }
}

/// <summary>JSON form of a <see cref="ColumnSketch"/>.</summary>
internal sealed record ColumnState(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("missing")] long Missing,
    [property: JsonPropertyName("distinct")] HyperLogLogState? Distinct,
    [property: JsonPropertyName("moments")] MomentsState? Moments,
    [property: JsonPropertyName("quantiles")] KllState? Quantiles,
    [property: JsonPropertyName("discrete_values")] FrequentItemsState? DiscreteValues,
    [property: JsonPropertyName("frequent_items")] FrequentItemsState? FrequentItems);
