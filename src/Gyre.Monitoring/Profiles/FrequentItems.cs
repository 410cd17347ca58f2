using System.Text.Json.Serialization;
using Gyre.Core;

namespace Gyre.Monitoring.Profiles;

/// <summary>
/// Weighted Misra–Gries frequent-items sketch, mergeable as in Agarwal et al. ("Mergeable summaries", 2012).
/// Up to 2·capacity counters are held; when there are more, the (capacity + 1)-th largest counter value d is
/// subtracted from every counter, non-positive counters are dropped (at most capacity remain) and d is added
/// to <see cref="MaximumError"/>.
/// </summary>
/// <remarks>
/// <para><b>Error bound (deterministic).</b> For every item, kept counter ≤ true count ≤ kept counter +
/// <see cref="MaximumError"/> (an item not kept has a true count ≤ <see cref="MaximumError"/>), and
/// <see cref="MaximumError"/> ≤ (n − Σ kept counters)/(capacity + 1) ≤ n/(capacity + 1), where n =
/// <see cref="TotalCount"/>; this also holds after any sequence of merges. While <see cref="IsExact"/>
/// (nothing was ever evicted) every count is exact and every distinct item is kept.</para>
/// <para>Size: at most 2·capacity counters. Not thread-safe. Items compare ordinally.</para>
/// </remarks>
public sealed class FrequentItems
{
    /// <summary>Default capacity (DataSketches' lg_max_k = 10, as whylogs).</summary>
    public const int DefaultCapacity = 1024;

    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);

    /// <summary>An empty sketch.</summary>
    /// <exception cref="GyreException">InvalidInput when <paramref name="capacity"/> &lt; 1 or &gt; 2²⁰.</exception>
    public FrequentItems(int capacity = DefaultCapacity)
    {
        if (capacity is < 1 or > 1 << 20)
        {
            throw GyreException.InvalidInput($"Frequent-items capacity must be in [1, {1 << 20}] (got {capacity}).");
        }

        Capacity = capacity;
    }

    /// <summary>Counters guaranteed to survive a purge (the k of the n/(k + 1) bound).</summary>
    public int Capacity { get; }

    /// <summary>Sum of all added counts (n), exact.</summary>
    public long TotalCount { get; private set; }

    /// <summary>Upper bound of the error of every count (0 while exact).</summary>
    public long MaximumError { get; private set; }

    /// <summary>True while no item was ever evicted: the counts are exact.</summary>
    public bool IsExact => MaximumError == 0;

    /// <summary>Number of counters held.</summary>
    public int KeptCount => _counters.Count;

    /// <summary>Sum of the kept counters (= <see cref="TotalCount"/> while exact).</summary>
    public long KeptTotal => _counters.Values.Sum();

    /// <summary>The kept items with bounds, largest lower bound first, ties in ordinal order.</summary>
    public IReadOnlyList<FrequentItem> Items =>
        [.. _counters
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new FrequentItem(pair.Key, pair.Value, pair.Value + MaximumError))];

    /// <summary>The kept counter of <paramref name="item"/> (0 when not kept): a lower bound of its true count.</summary>
    public long LowerBound(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _counters.GetValueOrDefault(item);
    }

    /// <summary>An upper bound of the true count of <paramref name="item"/>.</summary>
    public long UpperBound(string item) => LowerBound(item) + MaximumError;

    /// <summary>Adds <paramref name="count"/> occurrences of <paramref name="item"/>.</summary>
    /// <exception cref="GyreException">InvalidInput when <paramref name="count"/> &lt; 0.</exception>
    public void Add(string item, long count = 1)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (count < 0)
        {
            throw GyreException.InvalidInput($"Frequent-items count must be ≥ 0 (got {count} for '{item}').");
        }

        if (count == 0)
        {
            return;
        }

        TotalCount += count;
        _counters[item] = _counters.GetValueOrDefault(item) + count;
        if (_counters.Count > 2 * Capacity)
        {
            Purge();
        }
    }

    /// <summary>Merges <paramref name="other"/> into this sketch (counters add, errors add, then purge to capacity).</summary>
    /// <exception cref="GyreException">InvalidInput when the capacities differ.</exception>
    public void Merge(FrequentItems other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Capacity != Capacity)
        {
            throw GyreException.InvalidInput($"Cannot merge frequent-items sketches with capacity {Capacity} and {other.Capacity}.");
        }

        foreach (var (item, count) in other._counters.ToArray())
        {
            _counters[item] = _counters.GetValueOrDefault(item) + count;
        }

        TotalCount += other.TotalCount;
        MaximumError += other.MaximumError;
        if (_counters.Count > 2 * Capacity)
        {
            Purge();
        }
    }

    /// <summary>A deep copy.</summary>
    public FrequentItems Copy()
    {
        var copy = new FrequentItems(Capacity) { TotalCount = TotalCount, MaximumError = MaximumError };
        foreach (var (item, count) in _counters)
        {
            copy._counters[item] = count;
        }

        return copy;
    }

    /// <summary>Serializes the sketch to JSON (items in ordinal order).</summary>
    public string ToJson() => SketchJson.Serialize(ToState());

    /// <summary>Reads a sketch written by <see cref="ToJson"/>.</summary>
    /// <exception cref="GyreException">InvalidInput naming <paramref name="source"/> when the JSON is malformed or inconsistent.</exception>
    public static FrequentItems FromJson(string json, string source = "frequent-items JSON") =>
        FromState(SketchJson.Deserialize<FrequentItemsState>(json, source), source);

    /// <summary>Kept counters (exact counts while <see cref="IsExact"/>).</summary>
    internal IReadOnlyDictionary<string, long> Counters => _counters;

    internal FrequentItemsState ToState() => new(
        Capacity,
        TotalCount,
        MaximumError,
        [.. _counters.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new FrequentItemState(pair.Key, pair.Value))]);

    internal static FrequentItems FromState(FrequentItemsState state, string source)
    {
        var items = SketchJson.Required(state.Items, "items", source);
        var sketch = new FrequentItems(state.Capacity) { TotalCount = state.TotalCount, MaximumError = state.MaximumError };
        foreach (var entry in items)
        {
            if (entry?.Item is null || entry.Count <= 0 || !sketch._counters.TryAdd(entry.Item, entry.Count))
            {
                throw GyreException.InvalidInput($"Profile JSON in {source}: a frequent item is null, repeated or has a count ≤ 0.");
            }
        }

        if (state.MaximumError < 0 || sketch.KeptTotal > state.TotalCount || (state.MaximumError == 0 && sketch.KeptTotal != state.TotalCount))
        {
            throw GyreException.InvalidInput(
                $"Profile JSON in {source}: frequent items total {state.TotalCount} is inconsistent with its counters.");
        }

        return sketch;
    }

    private void Purge()
    {
        var values = _counters.Values.ToArray();
        Array.Sort(values);
        Array.Reverse(values);
        var d = values[Capacity];
        foreach (var (item, count) in _counters.ToArray())
        {
            if (count <= d)
            {
                _counters.Remove(item);
            }
            else
            {
                _counters[item] = count - d;
            }
        }

        MaximumError += d;
    }
}

/// <summary>JSON form of a <see cref="FrequentItems"/>.</summary>
internal sealed record FrequentItemsState(
    [property: JsonPropertyName("capacity")] int Capacity,
    [property: JsonPropertyName("total_count")] long TotalCount,
    [property: JsonPropertyName("maximum_error")] long MaximumError,
    [property: JsonPropertyName("items")] IReadOnlyList<FrequentItemState?>? Items);

/// <summary>One counter in <see cref="FrequentItemsState"/>.</summary>
internal sealed record FrequentItemState(
    [property: JsonPropertyName("item")] string? Item,
    [property: JsonPropertyName("count")] long Count);
