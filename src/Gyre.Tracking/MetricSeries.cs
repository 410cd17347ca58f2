namespace Gyre.Tracking;

/// <summary>
/// A metric's history as a chart needs it: <paramref name="TotalPoints"/> logged points, returned whole (ordered by
/// step, then timestamp, then logging order) or, when <paramref name="Downsampled"/>, one point per non-empty bucket
/// of <see cref="MetricSeriesBuckets"/>, ordered by step. Immutable value.
/// </summary>
public sealed record MetricSeries(string Key, long TotalPoints, bool Downsampled, IReadOnlyList<MetricSeriesPoint> Points);
