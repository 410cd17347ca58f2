using System.Buffers;
using System.Runtime.InteropServices;

namespace Gyre.Monitoring.Drift;

/// <summary>
/// Drops missing values the way Evidently does before a drift test: NaN and ±∞ are removed.
/// </summary>
/// <remarks>Thread-safe (no state).</remarks>
public static class FiniteValues
{
    /// <summary>Arrays at least this long are sorted by radix sort (O(n)); shorter ones by <see cref="Array.Sort(Array)"/>.</summary>
    internal const int RadixSortThreshold = 1024;

    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Passes = 6; // ⌈64 / 11⌉; the histogram loop below is unrolled for exactly six digits
    private const ulong SignBit = 0x8000_0000_0000_0000UL;

    /// <summary>Returns a new array holding the finite values of <paramref name="values"/>, in order.</summary>
    public static double[] Copy(ReadOnlySpan<double> values)
    {
        var count = 0;
        foreach (var value in values)
        {
            if (double.IsFinite(value))
            {
                count++;
            }
        }

        var result = new double[count];
        var next = 0;
        foreach (var value in values)
        {
            if (double.IsFinite(value))
            {
                result[next++] = value;
            }
        }

        return result;
    }

    /// <summary>
    /// Returns the finite values of <paramref name="values"/>, sorted ascending (−0.0 and +0.0 compare equal;
    /// their relative order is unspecified). Long inputs use an LSD radix sort on order-preserving bit keys,
    /// several times faster than a comparison sort at a million values.
    /// </summary>
    public static double[] Sorted(ReadOnlySpan<double> values)
    {
        var result = Copy(values);
        Sort(result);
        return result;
    }

    /// <summary>
    /// Writes the finite values of <paramref name="values"/> to the start of <paramref name="destination"/>,
    /// sorted ascending as <see cref="Sorted"/> does, and returns how many were written. Lets callers sort into
    /// a pooled buffer instead of a new array.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="values"/>.</exception>
    public static int SortInto(ReadOnlySpan<double> values, Span<double> destination)
    {
        if (destination.Length < values.Length)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} values but {values.Length} may be written.", nameof(destination));
        }

        var count = 0;
        foreach (var value in values)
        {
            if (double.IsFinite(value))
            {
                destination[count++] = value;
            }
        }

        Sort(destination[..count]);
        return count;
    }

    private static void Sort(Span<double> values)
    {
        if (values.Length < RadixSortThreshold)
        {
            values.Sort();
        }
        else
        {
            RadixSort(values);
        }
    }

    /// <summary>Sorts finite doubles in place: map to unsigned keys with the same order, 11-bit LSD passes, map back.</summary>
    private static void RadixSort(Span<double> values)
    {
        var keys = MemoryMarshal.Cast<double, ulong>(values);
        var counts = new int[Passes * Buckets];
        const ulong mask = Buckets - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            var bits = keys[i];
            var key = (bits & SignBit) != 0 ? ~bits : bits | SignBit;
            keys[i] = key;
            counts[(int)(key & mask)]++;
            counts[Buckets + (int)((key >> DigitBits) & mask)]++;
            counts[(2 * Buckets) + (int)((key >> (2 * DigitBits)) & mask)]++;
            counts[(3 * Buckets) + (int)((key >> (3 * DigitBits)) & mask)]++;
            counts[(4 * Buckets) + (int)((key >> (4 * DigitBits)) & mask)]++;
            counts[(5 * Buckets) + (int)(key >> (5 * DigitBits))]++;
        }

        var pool = ArrayPool<ulong>.Shared;
        var rented = pool.Rent(keys.Length);
        try
        {
            var source = keys;
            var target = rented.AsSpan(0, keys.Length);
            for (var pass = 0; pass < Passes; pass++)
            {
                var shift = pass * DigitBits;
                var histogram = counts.AsSpan(pass * Buckets, Buckets);
                if (histogram[(int)((source[0] >> shift) & (Buckets - 1))] == source.Length)
                {
                    continue; // every key has the same digit: this pass would not move anything
                }

                var offset = 0;
                for (var bucket = 0; bucket < Buckets; bucket++)
                {
                    var count = histogram[bucket];
                    histogram[bucket] = offset;
                    offset += count;
                }

                foreach (var key in source)
                {
                    target[histogram[(int)((key >> shift) & (Buckets - 1))]++] = key;
                }

                var swap = source;
                source = target;
                target = swap;
            }

            for (var i = 0; i < source.Length; i++)
            {
                var key = source[i];
                keys[i] = (key & SignBit) != 0 ? key & ~SignBit : ~key;
            }
        }
        finally
        {
            pool.Return(rented);
        }
    }
}
