namespace Gyre.Tracking;

/// <summary>
/// One point of a <see cref="MetricSeries"/>. For a bucket: <paramref name="Step"/> is its first step,
/// <paramref name="Value"/> and <paramref name="Timestamp"/> those of its last point (greatest step, then timestamp,
/// then logging order), <paramref name="Min"/>/<paramref name="Max"/> the extremes of its non-NaN values (NaN when
/// all are NaN), <paramref name="Count"/> its number of points. An undownsampled point has Min = Max = Value, Count = 1.
/// </summary>
public sealed record MetricSeriesPoint(long Step, long Timestamp, double Value, double Min, double Max, long Count);
