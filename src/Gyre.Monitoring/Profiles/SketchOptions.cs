using Gyre.Core;

namespace Gyre.Monitoring.Profiles;

/// <summary>Parameters of the sketches a <see cref="DatasetSketch"/> builds; all defaults are whylogs-like.</summary>
/// <param name="KllK">
/// k of every <see cref="KllSketch"/>. Default 1024 (whylogs' default for profiles): rank error ≈ 1.65 %·200/k
/// (≈ 0.35 %), which keeps drift scores computed from profiles close to the raw-data scores (with k = 200 a
/// Jensen–Shannon distance between two samples of one distribution reads ≈ 0.05 instead of ≈ 0.006; with 1024,
/// ≈ 0.012). Cost: ≈ 3k retained values, ≈ 64 KB of JSON per numeric column at 10⁶ rows (≈ 18 KB for k = 200).
/// </param>
/// <param name="HllLgK">lg_k of every <see cref="HyperLogLog"/> (1.6 % standard error for 12).</param>
/// <param name="FrequentItemsCapacity">Capacity of the categorical <see cref="FrequentItems"/>.</param>
/// <param name="DiscreteValueLimit">
/// A numeric column also keeps exact per-value counts while it has at most this many distinct values
/// (so discrete numeric columns are tested exactly); past it the counts are dropped.
/// </param>
/// <param name="Seed">Seed of the KLL coin flips (mixed with the column position), for reproducible sketches.</param>
/// <param name="WindowStartMs">Start of the data's time window, Unix ms (inclusive), if known.</param>
/// <param name="WindowEndMs">End of the data's time window, Unix ms (exclusive), if known.</param>
public sealed record SketchOptions(
    int KllK = SketchOptions.DefaultKllK,
    int HllLgK = HyperLogLog.DefaultLgK,
    int FrequentItemsCapacity = FrequentItems.DefaultCapacity,
    int DiscreteValueLimit = 1024,
    ulong Seed = 0,
    long? WindowStartMs = null,
    long? WindowEndMs = null)
{
    /// <summary>Default k of the profiles' KLL sketches.</summary>
    public const int DefaultKllK = 1024;

    /// <summary>All defaults, no window.</summary>
    public static SketchOptions Default { get; } = new();

    /// <exception cref="GyreException">InvalidInput naming the first invalid option.</exception>
    internal void Validate()
    {
        if (DiscreteValueLimit < 1)
        {
            throw GyreException.InvalidInput($"Sketch option DiscreteValueLimit must be ≥ 1 (got {DiscreteValueLimit}).");
        }

        if (WindowStartMs is { } start && WindowEndMs is { } end && end < start)
        {
            throw GyreException.InvalidInput($"Sketch window end {end} is before its start {start} (Unix ms).");
        }

        _ = new KllSketch(KllK);
        _ = new HyperLogLog(HllLgK);
        _ = new FrequentItems(FrequentItemsCapacity);
    }
}
