namespace Gyre.Tuning.Samplers;

/// <summary>SplitMix64: a small seeded generator, identical on every platform and .NET version. Not thread-safe.</summary>
public sealed class SplitMix64
{
    private ulong _state;

    /// <summary>Creates the generator from a seed.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n), n &gt; 0 (rejection sampling, no modulo bias).</summary>
    public long NextInt64(long n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(n, 0);
        var bound = (ulong)n;
        var limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong r;
        do r = NextUInt64(); while (r >= limit);
        return (long)(r % bound);
    }
}
