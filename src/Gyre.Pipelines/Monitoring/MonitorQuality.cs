using System.Globalization;
using Gyre.Monitoring.Concept;
using Gyre.Monitoring.Datasets;
using Gyre.Monitoring.Fairness;
using Gyre.Monitoring.Performance;
using Gyre.Training.Packaging;
using Gyre.Training.Specs;

namespace Gyre.Pipelines.Monitoring;

/// <summary>
/// Performance over time (realized from ground truth; estimated by CBPE for binary models, calibrated on the
/// reference file's labelled rows or, by default, on the package's evaluation rows), per segment, fairness per protected attribute, and changes in the error stream (ADWIN, DDM,
/// Page-Hinkley), for the current side of a comparison.
/// Without times, rows are windowed by position (ten chunks) and window bounds are row numbers.
/// </summary>
internal static class MonitorQuality
{
    /// <summary>Windows used when the request gives no width.</summary>
    public const int DefaultWindowCount = 10;

    public sealed record Result(IReadOnlyList<PerformanceWindow> Performance, IReadOnlyList<FairnessResult> Fairness, IReadOnlyList<ConceptDriftDetection> ConceptDrift);

    public static Result Compute(
        PackageManifest? manifest, MonitoredFiles.Loaded? reference, Cbpe? packageEstimator, MonitoredFiles.Loaded current, MonitorRequest request, List<string> warnings)
    {
        var rows = current.Frame.RowCount;
        if (manifest is null || rows == 0)
        {
            return new Result([], [], []);
        }

        if (current.Labels is null || current.Labels.All(l => l is null))
        {
            warnings.Add("No ground truth in the current data yet: realized performance and label-based fairness figures are left out.");
        }

        var times = current.Times ?? [.. Enumerable.Range(0, rows).Select(i => (long)i)];
        var windowMs = request.PerformanceWindow is { } width && current.Times is not null
            ? Math.Max(1, (long)width.TotalMilliseconds)
            : DefaultWidth(times);
        var segments = request.SegmentColumn is { } segmentColumn ? Texts(current.Frame, segmentColumn, warnings) : null;
        if (manifest.Task == TaskKind.Regression)
        {
            var regression = Regression(current, times, windowMs, segments, out var losses);
            return new Result(regression, [], losses);
        }

        if (current.Predictions is null)
        {
            return new Result([], [], []);
        }

        var outcomes = Enumerable.Range(0, rows).Select(i => new ClassificationOutcome(
            times[i],
            current.Predictions[i] ?? string.Empty,
            current.Labels?[i],
            current.Scores is { } scores && double.IsFinite(scores[i]) ? scores[i] : null,
            segments?[i])).ToList();
        var positive = manifest.Task == TaskKind.Binary ? manifest.PositiveClass : null;
        var estimator = manifest.Task != TaskKind.Binary ? null : reference is null && packageEstimator is not null ? packageEstimator : FitCbpe(reference, positive, warnings);
        var performance = new List<PerformanceWindow>(WindowedPerformance.ByTime(outcomes, windowMs, positive, estimator));
        if (segments is not null)
        {
            performance.AddRange(WindowedPerformance.BySegment(outcomes, windowMs, positive, estimator).Values.SelectMany(w => w));
        }

        var labeled = outcomes.Where(o => o.Actual is not null).OrderBy(o => o.Time).ToList();
        var concept = ErrorStreamScan.Scan([.. labeled.Select(o => o.Predicted == o.Actual ? 0.0 : 1.0)], [.. labeled.Select(o => o.Time)]);
        return new Result(performance, Fairness(outcomes, current.Frame, request, positive, warnings), concept);
    }

    private static List<PerformanceWindow> Regression(
        MonitoredFiles.Loaded current, long[] times, long windowMs, string?[]? segments, out IReadOnlyList<ConceptDriftDetection> concept)
    {
        concept = [];
        if (current.Scores is null)
        {
            return [];
        }

        var outcomes = Enumerable.Range(0, current.Frame.RowCount).Select(i => new RegressionOutcome(
            times[i], current.Scores[i], Number(current.Labels?[i]), segments?[i])).ToList();
        var performance = new List<PerformanceWindow>(WindowedPerformance.ByTime(outcomes, windowMs));
        if (segments is not null)
        {
            performance.AddRange(WindowedPerformance.BySegment(outcomes, windowMs).Values.SelectMany(w => w));
        }

        var labeled = outcomes.Where(o => o.Actual is not null && double.IsFinite(o.Predicted)).OrderBy(o => o.Time).ToList();
        concept = ErrorStreamScan.Scan([.. labeled.Select(o => Math.Abs(o.Predicted - o.Actual!.Value))], [.. labeled.Select(o => o.Time)]);
        return performance;
    }

    private static Cbpe? FitCbpe(MonitoredFiles.Loaded? reference, string? positive, List<string> warnings)
    {
        if (reference?.Labels is not { } labels || reference.Scores is not { } scores || positive is null)
        {
            warnings.Add("Estimated performance (CBPE) needs a calibration: the package has none (no evaluation rows), and the reference has no labelled, scored rows.");
            return null;
        }

        var usable = Enumerable.Range(0, labels.Length).Where(i => labels[i] is not null && double.IsFinite(scores[i])).ToList();
        if (usable.Count == 0)
        {
            warnings.Add("Estimated performance (CBPE) left out: no reference row has both a label and a score.");
            return null;
        }

        return Cbpe.Fit([.. usable.Select(i => scores[i])], [.. usable.Select(i => labels[i] == positive)]);
    }

    private static List<FairnessResult> Fairness(List<ClassificationOutcome> outcomes, MonitoredFrame frame, MonitorRequest request, string? positive, List<string> warnings)
    {
        var attributes = request.FairnessAttributes.Concat(request.SegmentColumn is { } s ? [s] : []).Distinct(StringComparer.Ordinal).ToList();
        if (attributes.Count == 0)
        {
            return [];
        }

        if (positive is null)
        {
            warnings.Add("Fairness figures need a binary model (a positive class); left out.");
            return [];
        }

        var results = new List<FairnessResult>();
        foreach (var attribute in attributes)
        {
            var groups = Texts(frame, attribute, warnings);
            if (groups is null)
            {
                continue;
            }

            if (groups.Where(g => g is not null).Distinct(StringComparer.Ordinal).Count() < 2)
            {
                warnings.Add($"Fairness by '{attribute}' needs at least two groups in the current data; left out.");
                continue;
            }

            results.Add(FairnessMetrics.Compute(outcomes, groups, attribute, positive));
        }

        return results;
    }

    private static string?[]? Texts(MonitoredFrame frame, string column, List<string> warnings)
    {
        switch (frame.Find(column))
        {
            case CategoricalColumn categorical:
                return categorical.Values;
            case Gyre.Monitoring.Datasets.NumericColumn numeric:
                return [.. numeric.Values.Select(v => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : null)];
            default:
                warnings.Add($"Column '{column}' (segment or fairness attribute) is not in the current data; left out.");
                return null;
        }
    }

    private static long DefaultWidth(long[] times)
    {
        if (times.Length == 0)
        {
            return 1;
        }

        var span = times.Max() - times.Min() + 1;
        return Math.Max(1, (span + DefaultWindowCount - 1) / DefaultWindowCount);
    }

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
