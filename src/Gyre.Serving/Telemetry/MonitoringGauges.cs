using System.Globalization;
using Gyre.Monitoring.Drift;
using Gyre.Monitoring.Reports;
using Prometheus;

namespace Gyre.Serving.Telemetry;

/// <summary>
/// Prometheus gauges of the latest monitoring evaluation per endpoint, refreshed by <see cref="Publish"/>:
/// <c>gyre_feature_drift_score</c>, <c>gyre_feature_drift_threshold</c> and <c>gyre_feature_drift_detected</c>
/// {endpoint, model, feature, method}; <c>gyre_dataset_drift_share_ratio</c> and <c>gyre_dataset_drift_detected</c>
/// {endpoint, model}; <c>gyre_model_performance</c> {endpoint, model, metric, source = realized|estimated} (the latest
/// window); <c>gyre_fairness_difference</c> {endpoint, model, attribute, metric}; <c>gyre_monitoring_window_rows</c>
/// {endpoint, side}; <c>gyre_monitoring_last_evaluation_timestamp_seconds</c> and
/// <c>gyre_monitoring_staleness_seconds</c> (age of the newest current row at evaluation) {endpoint}. A column that was
/// not tested has no score series (absent, never NaN). Series of an endpoint that vanish from a later evaluation
/// are removed. Thread-safe.
/// </summary>
public sealed class MonitoringGauges
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<(Gauge Gauge, string[] Labels)>> _published = new(StringComparer.Ordinal);

    public MonitoringGauges(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Metrics.WithCustomRegistry(registry);
        string[] feature = ["endpoint", "model", "feature", "method"];
        FeatureScore = factory.CreateGauge("gyre_feature_drift_score", "Drift score of a feature (p-value or distance, see method) in the latest monitoring window.", feature);
        FeatureThreshold = factory.CreateGauge("gyre_feature_drift_threshold", "Threshold in force for the feature's drift method.", feature);
        FeatureDetected = factory.CreateGauge("gyre_feature_drift_detected", "1 when the feature drifted in the latest window, else 0.", feature);
        DatasetShare = factory.CreateGauge("gyre_dataset_drift_share_ratio", "Share of tested features that drifted (0..1).", ["endpoint", "model"]);
        DatasetDetected = factory.CreateGauge("gyre_dataset_drift_detected", "1 when the share of drifted features reached the dataset drift threshold.", ["endpoint", "model"]);
        Performance = factory.CreateGauge("gyre_model_performance", "Model performance in the latest window with labels (realized) or estimated without labels (CBPE).",
            ["endpoint", "model", "metric", "source"]);
        Fairness = factory.CreateGauge("gyre_fairness_difference", "Fairness figure per protected attribute (differences: 0 is fair; ratio: 1 is fair).",
            ["endpoint", "model", "attribute", "metric"]);
        WindowRows = factory.CreateGauge("gyre_monitoring_window_rows", "Rows behind the latest monitoring figures, by side (reference, current, labeled).", ["endpoint", "side"]);
        LastEvaluation = factory.CreateGauge("gyre_monitoring_last_evaluation_timestamp_seconds", "Unix time of the latest monitoring evaluation.", ["endpoint"]);
        Staleness = factory.CreateGauge("gyre_monitoring_staleness_seconds", "Age of the newest current row at the latest evaluation, seconds.", ["endpoint"]);
    }

    public Gauge FeatureScore { get; }

    public Gauge FeatureThreshold { get; }

    public Gauge FeatureDetected { get; }

    public Gauge DatasetShare { get; }

    public Gauge DatasetDetected { get; }

    public Gauge Performance { get; }

    public Gauge Fairness { get; }

    public Gauge WindowRows { get; }

    public Gauge LastEvaluation { get; }

    public Gauge Staleness { get; }

    /// <summary>Replaces <paramref name="endpoint"/>'s series with the figures of <paramref name="report"/>.</summary>
    /// <param name="newestRowTime">Unix ms of the newest current row, or null when the window was empty.</param>
    public void Publish(string endpoint, MonitoringReport report, long? newestRowTime)
    {
        ArgumentNullException.ThrowIfNull(report);
        var series = new List<(Gauge Gauge, string[] Labels, double Value)>();
        var model = report.Model ?? endpoint;
        foreach (var column in report.Drift.Columns.Where(c => c.Tested && c.Result.Score is not null))
        {
            string[] labels = [endpoint, model, column.Column, DriftMethodNames.Name(column.Result.Method)];
            series.Add((FeatureScore, labels, column.Result.Score!.Value));
            series.Add((FeatureThreshold, labels, column.Result.Threshold));
            series.Add((FeatureDetected, labels, column.Drifted ? 1 : 0));
        }

        if (report.Drift.Share is { } share)
        {
            series.Add((DatasetShare, [endpoint, model], share));
        }

        series.Add((DatasetDetected, [endpoint, model], report.Drift.DatasetDrifted ? 1 : 0));
        var latest = report.Performance.Where(w => w.Segment is null).ToList();
        if (latest.LastOrDefault(w => w.Realized.Count > 0) is { } realized)
        {
            series.AddRange(realized.Realized.Select(m => (Performance, new[] { endpoint, model, m.Key, "realized" }, m.Value)));
        }

        if (latest.LastOrDefault(w => w.Estimated is { Count: > 0 }) is { } estimated)
        {
            series.AddRange(estimated.Estimated!.Select(m => (Performance, new[] { endpoint, model, m.Key, "estimated" }, m.Value)));
        }

        foreach (var fairness in report.Fairness)
        {
            series.Add((Fairness, [endpoint, model, fairness.Attribute, "demographic_parity_difference"], fairness.DemographicParityDifference));
            series.Add((Fairness, [endpoint, model, fairness.Attribute, "demographic_parity_ratio"], fairness.DemographicParityRatio));
            if (fairness.EqualOpportunityDifference is { } opportunity)
            {
                series.Add((Fairness, [endpoint, model, fairness.Attribute, "equal_opportunity_difference"], opportunity));
            }

            if (fairness.EqualizedOddsDifference is { } odds)
            {
                series.Add((Fairness, [endpoint, model, fairness.Attribute, "equalized_odds_difference"], odds));
            }
        }

        series.Add((WindowRows, [endpoint, "reference"], report.Reference.Rows));
        series.Add((WindowRows, [endpoint, "current"], report.Current.Rows));
        series.Add((WindowRows, [endpoint, "labeled"], report.Performance.Where(w => w.Segment is null).Sum(w => w.LabeledRows)));
        var now = report.GeneratedAt.ToUnixTimeMilliseconds();
        series.Add((LastEvaluation, [endpoint], now / 1000.0));
        if (newestRowTime is { } newest)
        {
            series.Add((Staleness, [endpoint], Math.Max(0, now - newest) / 1000.0));
        }

        lock (_lock)
        {
            if (_published.TryGetValue(endpoint, out var previous))
            {
                var keep = series.Select(s => Key(s.Gauge, s.Labels)).ToHashSet(StringComparer.Ordinal);
                foreach (var (gauge, labels) in previous.Where(p => !keep.Contains(Key(p.Gauge, p.Labels))))
                {
                    gauge.RemoveLabelled(labels);
                }
            }

            foreach (var (gauge, labels, value) in series)
            {
                gauge.WithLabels(labels).Set(value);
            }

            _published[endpoint] = [.. series.Select(s => (s.Gauge, s.Labels))];
        }
    }

    private static string Key(Gauge gauge, string[] labels) =>
        string.Create(CultureInfo.InvariantCulture, $"{gauge.Name}\u0001{string.Join('\u0001', labels)}");
}
