using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gyre.Monitoring.Drift;

/// <summary>
/// Counts per distinct value of reference ∪ current, aligned (index i is the same value on both sides),
/// values in ascending (numeric) or ordinal (string) order.
/// </summary>
internal sealed class DistinctCounts
{
    /// <summary>Distinct string instances counted by identity before counting switches to ordinal hashing.</summary>
    internal const int InstanceTallyLimit = 4096;

    /// <summary>Slots of the identity table: a power of two, at least twice the limit (load factor ≤ ½).</summary>
    private const int InstanceTableSize = 8192;

    private DistinctCounts(long[] referenceCounts, long[] currentCounts, int referenceDistinct, IReadOnlyList<string> newCategories)
    {
        ReferenceCounts = referenceCounts;
        CurrentCounts = currentCounts;
        ReferenceDistinct = referenceDistinct;
        NewCategories = newCategories;
        foreach (var count in referenceCounts)
        {
            ReferenceTotal += count;
        }

        foreach (var count in currentCounts)
        {
            CurrentTotal += count;
        }
    }

    public long[] ReferenceCounts { get; }

    public long[] CurrentCounts { get; }

    public int Count => ReferenceCounts.Length;

    public int ReferenceDistinct { get; }

    public long ReferenceTotal { get; }

    public long CurrentTotal { get; }

    public IReadOnlyList<string> NewCategories { get; }

    /// <summary>
    /// Distinct values of reference ∪ current and of the reference alone, each counted only up to
    /// <paramref name="cap"/> (so the result is min(true count, cap)); no allocation. Inputs sorted ascending.
    /// </summary>
    public static (int Union, int Reference) CountDistinct(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, int cap)
    {
        var referenceDistinct = 0;
        for (var k = 0; k < reference.Length && referenceDistinct < cap; k++)
        {
            if (k == 0 || reference[k] != reference[k - 1])
            {
                referenceDistinct++;
            }
        }

        var union = 0;
        var i = 0;
        var j = 0;
        while ((i < reference.Length || j < current.Length) && union < cap)
        {
            var value = j >= current.Length || (i < reference.Length && reference[i] <= current[j]) ? reference[i] : current[j];
            while (i < reference.Length && reference[i] == value)
            {
                i++;
            }

            while (j < current.Length && current[j] == value)
            {
                j++;
            }

            union++;
        }

        return (union, referenceDistinct);
    }

    /// <summary>From two ascending arrays of finite values, in one merge pass.</summary>
    public static DistinctCounts FromSorted(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var referenceCounts = new List<long>();
        var currentCounts = new List<long>();
        var referenceDistinct = 0;
        var i = 0;
        var j = 0;
        while (i < reference.Length || j < current.Length)
        {
            var value = j >= current.Length || (i < reference.Length && reference[i] <= current[j]) ? reference[i] : current[j];
            long inReference = 0;
            long inCurrent = 0;
            while (i < reference.Length && reference[i] == value)
            {
                i++;
                inReference++;
            }

            while (j < current.Length && current[j] == value)
            {
                j++;
                inCurrent++;
            }

            if (inReference > 0)
            {
                referenceDistinct++;
            }

            referenceCounts.Add(inReference);
            currentCounts.Add(inCurrent);
        }

        return new DistinctCounts([.. referenceCounts], [.. currentCounts], referenceDistinct, []);
    }

    /// <summary>From two category lists (null = missing), keys in ordinal order.</summary>
    public static DistinctCounts FromCategories(IReadOnlyList<string?> reference, IReadOnlyList<string?> current)
    {
        var referenceMap = Tally(reference);
        var currentMap = Tally(current);
        var keys = new HashSet<string>(referenceMap.Keys, StringComparer.Ordinal);
        keys.UnionWith(currentMap.Keys);
        var ordered = keys.ToArray();
        Array.Sort(ordered, StringComparer.Ordinal);
        var referenceCounts = new long[ordered.Length];
        var currentCounts = new long[ordered.Length];
        var newCategories = new List<string>();
        for (var k = 0; k < ordered.Length; k++)
        {
            referenceCounts[k] = referenceMap.GetValueOrDefault(ordered[k]);
            currentCounts[k] = currentMap.GetValueOrDefault(ordered[k]);
            if (referenceCounts[k] == 0)
            {
                newCategories.Add(ordered[k]);
            }
        }

        return new DistinctCounts(referenceCounts, currentCounts, referenceMap.Count, newCategories);
    }

    /// <summary>
    /// Counts per category (ordinal). Rows are first counted per string instance (reference identity in a small
    /// open-addressing table, no string hashing), which is several times faster than an ordinal dictionary when
    /// categories share instances, as a dictionary-encoded reader gives; the instance counts are then merged per
    /// ordinal value. Once more than <see cref="InstanceTallyLimit"/> distinct instances are seen (e.g. every row
    /// its own string), the rest is counted with ordinal hashing directly.
    /// </summary>
    private static Dictionary<string, long> Tally(IReadOnlyList<string?> values)
    {
        var instances = new string?[InstanceTableSize];
        var instanceCounts = new long[InstanceTableSize];
        const int mask = InstanceTableSize - 1;
        var distinctInstances = 0;
        var next = 0;
        while (next < values.Count && distinctInstances <= InstanceTallyLimit)
        {
            var value = values[next++];
            if (value is null)
            {
                continue;
            }

            var slot = RuntimeHelpers.GetHashCode(value) & mask;
            while (true)
            {
                var instance = instances[slot];
                if (ReferenceEquals(instance, value))
                {
                    instanceCounts[slot]++;
                    break;
                }

                if (instance is null)
                {
                    instances[slot] = value;
                    instanceCounts[slot] = 1;
                    distinctInstances++;
                    break;
                }

                slot = (slot + 1) & mask;
            }
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var slot = 0; slot < instances.Length; slot++)
        {
            if (instances[slot] is { } instance)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, instance, out _) += instanceCounts[slot];
            }
        }

        for (; next < values.Count; next++)
        {
            var value = values[next];
            if (value is not null)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, value, out _)++;
            }
        }

        return counts;
    }
}
