namespace Gyre.Monitoring.Profiles;

/// <summary>
/// SplitMix64 mixing (Steele, Lea and Flood 2014): a bijective 64-bit finalizer with full avalanche, used
/// for the sketches' reproducible coin flips and hashes. Thread-safe (no state).
/// </summary>
internal static class SplitMix64
{
    public const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>The SplitMix64 output for state <paramref name="state"/> (already advanced by the caller).</summary>
    public static ulong Mix(ulong state)
    {
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The <paramref name="index"/>-th output of the SplitMix64 stream seeded with <paramref name="seed"/>.</summary>
    public static ulong At(ulong seed, ulong index) => Mix(seed + ((index + 1) * Golden));

    /// <summary>
    /// 64-bit hash of a string's UTF-16 code units: a multiply–xor pass (FNV-1a style, 64-bit prime) whose
    /// result and the length go through <see cref="Mix"/>. Stable across processes and platforms.
    /// </summary>
    public static ulong Hash(string value)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in value)
        {
            h = (h ^ c) * 0x100000001B3UL;
        }

        return Mix(h ^ Mix((ulong)value.Length + Golden));
    }

    /// <summary>64-bit hash of a double's bits (−0 is hashed as +0, so equal numbers hash equally).</summary>
    public static ulong Hash(double value) =>
        Mix((ulong)BitConverter.DoubleToInt64Bits(value == 0 ? 0.0 : value) ^ 0x5851F42D4C957F2DUL);
}
