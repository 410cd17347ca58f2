using System.Collections.Concurrent;
using System.Text;
using Gyre.Core;
using Gyre.Monitoring.Reports;
using Gyre.Tracking;

namespace Gyre.Pipelines.Monitoring;

/// <summary>
/// Keeps every monitoring evaluation of an endpoint as metrics of one tracked run, so drift and performance can be
/// followed over time (the web UI's monitoring page, `gyre runs show`): experiment <see cref="Experiment"/>, one run
/// per endpoint found by its <see cref="EndpointTag"/> (created on first use, left RUNNING while it is fed), each
/// evaluation one point per metric at step = the report's time in Unix seconds (timestamp = the same, in ms):
/// <c>dataset_drift_share</c>, <c>dataset_drift</c> (0/1), <c>feature_drift.COLUMN</c> (the column's drift score),
/// <c>performance.METRIC</c> and <c>estimated_performance.METRIC</c> (the latest window that has them, all rows),
/// <c>rows</c>. Safe for concurrent use.
/// </summary>
public sealed class MonitoringHistory(ITrackingStore tracking, TimeProvider? time = null)
{
    public const string Experiment = MonitoringHistoryNames.Experiment;
    public const string EndpointTag = MonitoringHistoryNames.EndpointTag;
    public const string ModelTag = MonitoringHistoryNames.ModelTag;

    private readonly ConcurrentDictionary<string, Lazy<Task<RunId>>> _runs = new(StringComparer.Ordinal);

    /// <summary>Records <paramref name="report"/> as <paramref name="endpoint"/>'s next evaluation; returns the run it went to.</summary>
    public async Task<RunId> RecordAsync(string endpoint, MonitoringReport report, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentNullException.ThrowIfNull(report);
        var run = await RunForAsync(endpoint, report.Model, cancellationToken);
        var at = report.GeneratedAt;
        var step = at.ToUnixTimeSeconds();
        var timestamp = at.ToUnixTimeMilliseconds();
        var metrics = Values(report).Select(v => new Metric(v.Key, v.Value, timestamp, step)).ToList();
        await tracking.LogBatchAsync(run, metrics, [], [], cancellationToken);
        return run;
    }

    /// <summary>The figures of <paramref name="report"/> under their metric keys (never NaN or infinite).</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Values(MonitoringReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var values = new List<KeyValuePair<string, double>>();
        void Add(string key, double value)
        {
            if (double.IsFinite(value))
            {
                values.Add(KeyValuePair.Create(key, value));
            }
        }

        if (report.Drift.Share is { } share)
        {
            Add("dataset_drift_share", share);
        }

        Add("dataset_drift", report.Drift.DatasetDrifted ? 1 : 0);
        foreach (var column in report.Drift.Columns.Where(c => c.Tested && c.Result.Score is not null))
        {
            Add("feature_drift." + Key(column.Column), column.Result.Score!.Value);
        }

        var overall = report.Performance.Where(w => w.Segment is null).ToList();
        if (overall.LastOrDefault(w => w.Realized.Count > 0) is { } realized)
        {
            foreach (var (metric, value) in realized.Realized)
            {
                Add("performance." + metric, value);
            }
        }

        if (overall.LastOrDefault(w => w.Estimated is { Count: > 0 }) is { } estimated)
        {
            foreach (var (metric, value) in estimated.Estimated!)
            {
                Add("estimated_performance." + metric, value);
            }
        }

        Add("rows", report.Current.Rows);
        return values;
    }

    /// <summary>The endpoint's run: found or created once per endpoint and history object (a failed lookup is retried next time).</summary>
    private async Task<RunId> RunForAsync(string endpoint, string? model, CancellationToken cancellationToken)
    {
        var lookup = _runs.GetOrAdd(endpoint, _ => new Lazy<Task<RunId>>(() => FindOrCreateAsync(endpoint, model, cancellationToken)));
        try
        {
            return await lookup.Value;
        }
        catch
        {
            _runs.TryRemove(KeyValuePair.Create(endpoint, lookup));
            throw;
        }
    }

    private async Task<RunId> FindOrCreateAsync(string endpoint, string? model, CancellationToken cancellationToken)
    {
        var experiment = await tracking.GetOrCreateExperimentAsync(Experiment, cancellationToken);
        var existing = await tracking.SearchRunsAsync(new RunSearch([experiment])
        {
            Filter = $"tags.`{EndpointTag}` = '{endpoint.Replace("'", "\\'", StringComparison.Ordinal)}'",
            OrderBy = ["attributes.start_time DESC"],
            MaxResults = 1,
        }, cancellationToken);
        return existing.Items.Count > 0
            ? existing.Items[0].Info.RunId
            : (await tracking.CreateRunAsync(
                experiment, endpoint, Environment.UserName, (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds(),
                [new Tag(EndpointTag, endpoint), new Tag(ModelTag, model ?? string.Empty), new Tag(RunContext.RunNameTag, endpoint)], cancellationToken)).RunId;
    }

    /// <summary>A metric key part for a column name: MLflow's allowed characters kept, others replaced by '_'.</summary>
    private static string Key(string column)
    {
        var key = new StringBuilder(column.Length);
        foreach (var c in column)
        {
            key.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ' ' or '/' ? c : '_');
        }

        return key.ToString();
    }
}
