using System.Globalization;
using Gyre.Core;

namespace Gyre.Monitoring.InferenceLog;

/// <summary>
/// Decides which requests the inference log keeps: a request is logged when a hash of its request id and the seed,
/// read as a number in [0, 1), is below <see cref="Rate"/>. The decision depends on the id alone, so a request's
/// primary and shadow records are kept or skipped together, and it is the same in every process and run (the hash
/// is FNV-1a over the id's UTF-16 code units, mixed by SplitMix64's finalizer; not <see cref="string.GetHashCode()"/>).
/// Thread-safe (immutable).
/// </summary>
public sealed class InferenceSampler
{
    private const ulong FnvOffset = 14_695_981_039_346_656_037;
    private const ulong FnvPrime = 1_099_511_628_211;

    private readonly ulong seed;

    /// <param name="rate">The share of requests to log, 0 (none) to 1 (all); anything else is InvalidInput naming 'sample_rate'.</param>
    /// <param name="seed">Picks another (equally sized) subset of ids for the same rate.</param>
    public InferenceSampler(double rate, long seed = 0)
    {
        if (!(rate is >= 0 and <= 1))
        {
            throw GyreException.InvalidInput(
                $"Invalid value {rate.ToString(CultureInfo.InvariantCulture)} for parameter 'sample_rate': it must be between 0 (log nothing) and 1 (log every request).");
        }

        Rate = rate;
        this.seed = unchecked((ulong)seed);
    }

    /// <summary>The share of requests logged, 0..1.</summary>
    public double Rate { get; }

    /// <summary>Whether the request <paramref name="requestId"/> is logged. Always false at rate 0, always true at rate 1.</summary>
    public bool ShouldLog(string requestId)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        if (Rate >= 1)
        {
            return true;
        }

        if (Rate <= 0)
        {
            return false;
        }

        return UnitInterval(requestId) < Rate;
    }

    /// <summary>The id's hash as a number in [0, 1) with 53 random bits.</summary>
    private double UnitInterval(string requestId)
    {
        var hash = FnvOffset ^ seed;
        foreach (var c in requestId)
        {
            hash = unchecked((hash ^ c) * FnvPrime);
        }

        // SplitMix64's finalizer: FNV-1a's low-entropy high bits for short, similar ids get fully mixed.
        hash = unchecked((hash ^ (hash >> 30)) * 0xBF58_476D_1CE4_E5B9);
        hash = unchecked((hash ^ (hash >> 27)) * 0x94D0_49BB_1331_11EB);
        hash ^= hash >> 31;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
