using Gyre.Core;

namespace Gyre.Monitoring.Performance;

/// <summary>
/// Performance per window of predictions. Time windows are [k·w, (k+1)·w) in Unix ms (aligned to multiples of
/// the width w, so windows from different runs line up); windows without rows are omitted. Count windows take
/// <c>rowsPerWindow</c> consecutive rows in time order (the last may be partial) and span [first time,
/// last time + 1). Realized metrics use only labeled rows (see <see cref="ClassificationMetrics"/> and
/// <see cref="RegressionMetrics"/>); when a fitted <see cref="Cbpe"/> is given, <see cref="PerformanceWindow.Estimated"/>
/// holds its estimate over the window's rows that have a score (null when none has).
/// </summary>
/// <remarks>Thread-safe (no state). Results are ordered by window start.</remarks>
public static class WindowedPerformance
{
    /// <summary>Classification performance per time window.</summary>
    /// <exception cref="GyreException"><paramref name="windowMs"/> is not positive.</exception>
    public static IReadOnlyList<PerformanceWindow> ByTime(
        IReadOnlyList<ClassificationOutcome> outcomes, long windowMs, string? positiveClass = null, Cbpe? estimator = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return TimeWindows(outcomes, o => o.Time, windowMs, (rows, start, end) => Classification(rows, start, end, positiveClass, estimator, null));
    }

    /// <summary>Regression performance per time window.</summary>
    /// <exception cref="GyreException"><paramref name="windowMs"/> is not positive.</exception>
    public static IReadOnlyList<PerformanceWindow> ByTime(IReadOnlyList<RegressionOutcome> outcomes, long windowMs)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return TimeWindows(outcomes, o => o.Time, windowMs, (rows, start, end) => Regression(rows, start, end, null));
    }

    /// <summary>Classification performance per window of <paramref name="rowsPerWindow"/> rows.</summary>
    /// <exception cref="GyreException"><paramref name="rowsPerWindow"/> is not positive.</exception>
    public static IReadOnlyList<PerformanceWindow> ByCount(
        IReadOnlyList<ClassificationOutcome> outcomes, int rowsPerWindow, string? positiveClass = null, Cbpe? estimator = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return CountWindows(outcomes, o => o.Time, rowsPerWindow, (rows, start, end) => Classification(rows, start, end, positiveClass, estimator, null));
    }

    /// <summary>Regression performance per window of <paramref name="rowsPerWindow"/> rows.</summary>
    /// <exception cref="GyreException"><paramref name="rowsPerWindow"/> is not positive.</exception>
    public static IReadOnlyList<PerformanceWindow> ByCount(IReadOnlyList<RegressionOutcome> outcomes, int rowsPerWindow)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return CountWindows(outcomes, o => o.Time, rowsPerWindow, (rows, start, end) => Regression(rows, start, end, null));
    }

    /// <summary>
    /// Classification performance per time window for each segment value (rows without a segment are skipped),
    /// keyed by segment in ordinal order; every window carries its <see cref="PerformanceWindow.Segment"/>.
    /// </summary>
    /// <exception cref="GyreException"><paramref name="windowMs"/> is not positive.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<PerformanceWindow>> BySegment(
        IReadOnlyList<ClassificationOutcome> outcomes, long windowMs, string? positiveClass = null, Cbpe? estimator = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return Segments(outcomes, o => o.Segment, segment => TimeWindows(
            outcomes.Where(o => o.Segment == segment).ToList(), o => o.Time, windowMs,
            (rows, start, end) => Classification(rows, start, end, positiveClass, estimator, segment)));
    }

    /// <summary>Regression performance per time window for each segment value (rows without a segment are skipped).</summary>
    /// <exception cref="GyreException"><paramref name="windowMs"/> is not positive.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<PerformanceWindow>> BySegment(IReadOnlyList<RegressionOutcome> outcomes, long windowMs)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return Segments(outcomes, o => o.Segment, segment => TimeWindows(
            outcomes.Where(o => o.Segment == segment).ToList(), o => o.Time, windowMs,
            (rows, start, end) => Regression(rows, start, end, segment)));
    }

    private static SortedDictionary<string, IReadOnlyList<PerformanceWindow>> Segments<T>(
        IReadOnlyList<T> outcomes, Func<T, string?> segmentOf, Func<string, IReadOnlyList<PerformanceWindow>> windowsOf)
    {
        var result = new SortedDictionary<string, IReadOnlyList<PerformanceWindow>>(StringComparer.Ordinal);
        foreach (var segment in outcomes.Select(segmentOf).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            result[segment] = windowsOf(segment);
        }

        return result;
    }

    private static List<PerformanceWindow> TimeWindows<T>(
        IReadOnlyList<T> outcomes, Func<T, long> timeOf, long windowMs, Func<List<T>, long, long, PerformanceWindow> build)
    {
        if (windowMs <= 0)
        {
            throw GyreException.InvalidInput($"Performance window width windowMs must be positive, got {windowMs}.");
        }

        return [.. outcomes
            .GroupBy(o => WindowStart(timeOf(o), windowMs))
            .OrderBy(g => g.Key)
            .Select(g => build([.. g], g.Key, g.Key + windowMs))];
    }

    private static List<PerformanceWindow> CountWindows<T>(
        IReadOnlyList<T> outcomes, Func<T, long> timeOf, int rowsPerWindow, Func<List<T>, long, long, PerformanceWindow> build)
    {
        if (rowsPerWindow <= 0)
        {
            throw GyreException.InvalidInput($"Performance window size rowsPerWindow must be positive, got {rowsPerWindow}.");
        }

        var sorted = outcomes.OrderBy(timeOf).ToList();
        var windows = new List<PerformanceWindow>();
        for (var first = 0; first < sorted.Count; first += rowsPerWindow)
        {
            var rows = sorted.GetRange(first, Math.Min(rowsPerWindow, sorted.Count - first));
            windows.Add(build(rows, timeOf(rows[0]), timeOf(rows[^1]) + 1));
        }

        return windows;
    }

    private static long WindowStart(long time, long windowMs)
    {
        var remainder = time % windowMs;
        return remainder < 0 ? time - remainder - windowMs : time - remainder;
    }

    private static PerformanceWindow Classification(
        List<ClassificationOutcome> rows, long start, long end, string? positiveClass, Cbpe? estimator, string? segment)
    {
        var labeled = rows.Count(o => o.Actual is not null);
        IReadOnlyDictionary<string, double>? estimated = null;
        if (estimator is not null)
        {
            var scores = rows.Where(o => o.Score is not null).Select(o => o.Score!.Value).ToList();
            estimated = scores.Count > 0 ? estimator.Estimate(scores) : null;
        }

        return new PerformanceWindow(start, end, rows.Count, labeled, ClassificationMetrics.Compute(rows, positiveClass), estimated, segment);
    }

    private static PerformanceWindow Regression(List<RegressionOutcome> rows, long start, long end, string? segment) =>
        new(start, end, rows.Count, rows.Count(o => o.Actual is not null), RegressionMetrics.Compute(rows), null, segment);
}
