using System.Text.Json.Serialization;

namespace Gyre.Data.Profiling;

/// <summary>
/// Quantiles of a numeric column by linear interpolation between order statistics, as numpy's default
/// <c>np.quantile(x, q)</c> (method "linear"): position h = (n − 1)·q.
/// </summary>
public sealed record QuantileSummary(
    [property: JsonPropertyName("p01")] double P01,
    [property: JsonPropertyName("p05")] double P05,
    [property: JsonPropertyName("p25")] double P25,
    [property: JsonPropertyName("p50")] double P50,
    [property: JsonPropertyName("p75")] double P75,
    [property: JsonPropertyName("p95")] double P95,
    [property: JsonPropertyName("p99")] double P99);

/// <summary>
/// Equal-width histogram as <c>numpy.histogram(x, bins)</c>: <see cref="Edges"/> has one more entry than
/// <see cref="Counts"/>; every bin is half-open [a, b) except the last, which is closed. When min = max the
/// range is [min − 0.5, max + 0.5].
/// </summary>
public sealed record Histogram(
    [property: JsonPropertyName("edges")] IReadOnlyList<double> Edges,
    [property: JsonPropertyName("counts")] IReadOnlyList<long> Counts);

/// <summary>A value and how many rows hold it.</summary>
public sealed record CategoryCount(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("count")] long Count);
