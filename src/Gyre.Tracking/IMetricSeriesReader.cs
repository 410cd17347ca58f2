using Gyre.Core;

namespace Gyre.Tracking;

/// <summary>
/// A store that can read a metric's history already downsampled by <see cref="MetricSeriesBuckets"/>'s rule
/// (the SQL stores do it with one GROUP BY). Stores without it are read whole and downsampled in memory with
/// <see cref="MetricSeriesBuckets.Downsample"/>; both give the same answer. Thread-safe.
/// </summary>
public interface IMetricSeriesReader
{
    /// <summary>
    /// The series of <paramref name="metricKey"/> of the run, at most <paramref name="maxPoints"/> points
    /// (<see cref="MetricSeriesBuckets.MinMaxPoints"/>..<see cref="MetricSeriesBuckets.MaxMaxPoints"/>, else InvalidInput
    /// naming <c>max_points</c>). NotFound for an unknown run; an unknown key is an empty series.
    /// </summary>
    Task<MetricSeries> ReadMetricSeriesAsync(RunId runId, string metricKey, int maxPoints, CancellationToken cancellationToken);
}
