namespace Gyre.Monitoring.InferenceLog;

/// <summary>
/// One (endpoint, model, version, variant)'s traffic within a window: <paramref name="Requests"/> records, the newest at
/// <paramref name="LastSeenMilliseconds"/>, and nearest-rank latency percentiles (NaN when no latency was sampled).
/// Immutable value.
/// </summary>
public sealed record InferenceTraffic(
    string Endpoint,
    string ModelName,
    int? ModelVersion,
    string Variant,
    long Requests,
    long LastSeenMilliseconds,
    double LatencyMsP50,
    double LatencyMsP95)
{
    /// <summary>At most this many of a window's newest records are read for latency percentiles (counts are exact).</summary>
    public const int MaxLatencySamples = 200_000;

    /// <summary>The nearest-rank <paramref name="percentile"/> (0..100) of <paramref name="sorted"/> (ascending); NaN when empty.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
