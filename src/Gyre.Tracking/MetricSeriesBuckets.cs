using Gyre.Core;

namespace Gyre.Tracking;

/// <summary>
/// The downsampling rule of <see cref="IMetricSeriesReader"/>: a history of T points is returned whole when
/// T ≤ maxPoints; otherwise its step range [first, last] is cut into buckets of <see cref="Width"/> consecutive
/// steps (bucket = (step − first) / width, integer division), at most maxPoints of them, and each non-empty bucket
/// becomes one <see cref="MetricSeriesPoint"/>. SQL stores compute the same buckets in SQL.
/// </summary>
public static class MetricSeriesBuckets
{
    public const int DefaultMaxPoints = 1000;

    public const int MinMaxPoints = 2;

    public const int MaxMaxPoints = 10_000;

    /// <summary>InvalidInput naming <c>max_points</c> unless <paramref name="maxPoints"/> is within 2..10000.</summary>
    public static void ValidateMaxPoints(int maxPoints)
    {
        if (maxPoints is < MinMaxPoints or > MaxMaxPoints)
        {
            throw GyreException.InvalidInput($"Invalid value {maxPoints} for parameter 'max_points': it must be between {MinMaxPoints} and {MaxMaxPoints}.");
        }
    }

    /// <summary>The steps per bucket: ⌈(last − first + 1) / maxPoints⌉, at least 1 (steps are assumed within ±2^62).</summary>
    public static long Width(long firstStep, long lastStep, int maxPoints)
    {
        var span = (Int128)lastStep - firstStep + 1;
        var width = (span + maxPoints - 1) / maxPoints;
        return (long)Int128.Clamp(width, 1, long.MaxValue);
    }

    /// <summary>
    /// Applies the rule to a whole history in memory (the fallback for stores without <see cref="IMetricSeriesReader"/>).
    /// <paramref name="history"/> must be in logging order within equal (step, timestamp), as the stores return it.
    /// </summary>
    public static MetricSeries Downsample(string key, IReadOnlyList<Metric> history, int maxPoints)
    {
        ValidateMaxPoints(maxPoints);
        var ordered = history.Select((metric, index) => (Metric: metric, Index: index))
            .OrderBy(p => p.Metric.Step).ThenBy(p => p.Metric.Timestamp).ThenBy(p => p.Index)
            .Select(p => p.Metric)
            .ToList();
        if (ordered.Count <= maxPoints)
        {
            return new MetricSeries(key, ordered.Count, false, [.. ordered.Select(m => new MetricSeriesPoint(m.Step, m.Timestamp, m.Value, m.Value, m.Value, 1))]);
        }

        var first = ordered[0].Step;
        var width = Width(first, ordered[^1].Step, maxPoints);
        var points = new List<MetricSeriesPoint>();
        var start = 0;
        while (start < ordered.Count)
        {
            var bucket = ((Int128)ordered[start].Step - first) / width;
            var end = start;
            double min = double.NaN, max = double.NaN;
            while (end < ordered.Count && ((Int128)ordered[end].Step - first) / width == bucket)
            {
                var value = ordered[end].Value;
                if (!double.IsNaN(value))
                {
                    min = double.IsNaN(min) ? value : Math.Min(min, value);
                    max = double.IsNaN(max) ? value : Math.Max(max, value);
                }

                end++;
            }

            var last = ordered[end - 1];
            points.Add(new MetricSeriesPoint(ordered[start].Step, last.Timestamp, last.Value, min, max, end - start));
            start = end;
        }

        return new MetricSeries(key, ordered.Count, true, points);
    }
}
