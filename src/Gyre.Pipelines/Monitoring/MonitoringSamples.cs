using Gyre.Monitoring.Alerts;
using Gyre.Monitoring.Drift;
using Gyre.Monitoring.Reports;

namespace Gyre.Pipelines.Monitoring;

/// <summary>
/// A report's figures as alert-rule samples (<see cref="MonitoringMetrics"/>): dataset drift share and flag, each
/// tested feature's score and flag (labels <c>feature</c>, <c>method</c>), realized and estimated performance of the
/// latest window that has them (label <c>metric</c>; per segment also <c>segment</c>), fairness figures (labels
/// <c>attribute</c>, <c>metric</c>), current rows, and staleness (now − newest current row). Every sample carries
/// <c>model</c> when known and the <paramref name="window"/> it was computed over. Values never NaN except staleness
/// of an empty window (which then never fires).
/// </summary>
public static class MonitoringSamples
{
    public static IReadOnlyList<MetricSample> From(MonitoringReport report, TimeSpan? window, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        var samples = new List<MetricSample>();
        void Add(string metric, double value, params (string Key, string Value)[] labels)
        {
            var all = labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
            if (report.Model is { } model)
            {
                all["model"] = model;
            }

            samples.Add(new MetricSample(metric, all, value) { Window = window });
        }

        if (report.Drift.Share is { } share)
        {
            Add(MonitoringMetrics.DatasetDriftShare, share);
        }

        Add(MonitoringMetrics.DatasetDrift, report.Drift.DatasetDrifted ? 1 : 0);
        foreach (var column in report.Drift.Columns.Where(c => c.Tested && c.Result.Score is not null))
        {
            var method = DriftMethodNames.Name(column.Result.Method);
            Add(MonitoringMetrics.FeatureDriftScore, column.Result.Score!.Value, ("feature", column.Column), ("method", method));
            Add(MonitoringMetrics.FeatureDrift, column.Drifted ? 1 : 0, ("feature", column.Column), ("method", method));
        }

        foreach (var group in report.Performance.GroupBy(w => w.Segment))
        {
            var segment = group.Key is { } s ? new[] { ("segment", s) } : [];
            if (group.LastOrDefault(w => w.Realized.Count > 0) is { } realized)
            {
                foreach (var (metric, value) in realized.Realized)
                {
                    Add(MonitoringMetrics.Performance, value, [("metric", metric), .. segment]);
                }
            }

            if (group.LastOrDefault(w => w.Estimated is { Count: > 0 }) is { } estimated)
            {
                foreach (var (metric, value) in estimated.Estimated!)
                {
                    Add(MonitoringMetrics.EstimatedPerformance, value, [("metric", metric), .. segment]);
                }
            }
        }

        foreach (var fairness in report.Fairness)
        {
            Add(MonitoringMetrics.Fairness, fairness.DemographicParityDifference, ("attribute", fairness.Attribute), ("metric", "demographic_parity_difference"));
            Add(MonitoringMetrics.Fairness, fairness.DemographicParityRatio, ("attribute", fairness.Attribute), ("metric", "demographic_parity_ratio"));
            if (fairness.EqualOpportunityDifference is { } opportunity)
            {
                Add(MonitoringMetrics.Fairness, opportunity, ("attribute", fairness.Attribute), ("metric", "equal_opportunity_difference"));
            }

            if (fairness.EqualizedOddsDifference is { } odds)
            {
                Add(MonitoringMetrics.Fairness, odds, ("attribute", fairness.Attribute), ("metric", "equalized_odds_difference"));
            }
        }

        Add(MonitoringMetrics.Rows, report.Current.Rows);
        Add(MonitoringMetrics.StalenessSeconds, report.Current.ToTime is { } end ? Math.Max(0, now.ToUnixTimeMilliseconds() - (end - 1)) / 1000.0 : double.NaN);
        return samples;
    }
}
