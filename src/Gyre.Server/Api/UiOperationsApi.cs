using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Core;
using Gyre.Monitoring.Alerts;
using Gyre.Monitoring.InferenceLog;
using Gyre.Monitoring.Reports;
using Gyre.Server.Ui;
using Gyre.Tracking;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gyre.Server.Api;

/// <summary>The web UI's operations routes: recent serving traffic, alert events and the monitored endpoints.</summary>
internal static class UiOperationsApi
{
    /// <summary>
    /// <c>deployments?minutes=M</c> (1..10080, default 15): per endpoint and model, each (version, variant)'s requests in the
    /// window, its share of the endpoint and model's requests, rate, p50/p95 latency and last-seen time (Unix ms), from the
    /// store's <see cref="IInferenceTrafficReader"/> (no endpoints when the store has none).
    /// </summary>
    public static async Task DeploymentsAsync(HttpContext context)
    {
        var minutes = UiQuery.Integer(context, "minutes", 15, 1, 7 * 24 * 60);
        var services = context.RequestServices.GetRequiredService<TrackingServices>();
        var since = services.Time.GetUtcNow().ToUnixTimeMilliseconds() - minutes * 60_000L;
        var traffic = services.Store is IInferenceTrafficReader reader ? await reader.ReadTrafficAsync(since, context.RequestAborted) : [];
        var endpoints = traffic
            .GroupBy(t => (t.Endpoint, t.ModelName))
            .Select(group =>
            {
                var total = group.Sum(t => t.Requests);
                return new
                {
                    endpoint = group.Key.Endpoint,
                    model = group.Key.ModelName,
                    variants = group.Select(t => new
                    {
                        version = t.ModelVersion,
                        variant = t.Variant,
                        requests = t.Requests,
                        share = total == 0 ? 0 : (double)t.Requests / total,
                        rate_per_second = t.Requests / (minutes * 60.0),
                        latency_ms_p50 = t.LatencyMsP50,
                        latency_ms_p95 = t.LatencyMsP95,
                        last_seen = t.LastSeenMilliseconds,
                    }).ToList(),
                };
            })
            .ToList();
        await UiJson.WriteAsync(context, new { window_minutes = minutes, endpoints });
    }

    /// <summary>
    /// <c>alerts?limit=L</c> (1..10000, default 200): the newest alert events of <see cref="UiSettings.AlertEventsPath"/>,
    /// newest first (by event time, then by position in the file), each as the file writes it (snake_case, the
    /// same conventions as <see cref="UiJson"/>); empty when no file is set or it is missing.
    /// </summary>
    public static async Task AlertsAsync(HttpContext context)
    {
        var limit = UiQuery.Integer(context, "limit", 200, 1, 10_000);
        var path = context.RequestServices.GetRequiredService<UiSettings>().AlertEventsPath;
        var alerts = new JsonArray();
        if (!string.IsNullOrWhiteSpace(path))
        {
            var log = await new JsonlAlertEventSink(path).ReadAsync(null, context.RequestAborted);
            foreach (var alert in log.Events.Select((e, i) => (Event: e, Index: i)).OrderByDescending(p => p.Event.At).ThenByDescending(p => p.Index).Take(limit))
            {
                alerts.Add(JsonSerializer.SerializeToNode(alert.Event, UiJson.Options));
            }
        }

        await UiJson.WriteAsync(context, new JsonObject { ["alerts"] = alerts });
    }

    /// <summary>
    /// <c>monitoring</c> → <c>{"endpoints":[{endpoint, model, run_id, last_evaluated}]}</c>: the active runs of experiment
    /// <see cref="MonitoringExperiment"/>, endpoint from <see cref="EndpointTag"/> (else the run name), model from
    /// <see cref="ModelTag"/> (null when absent), last_evaluated (Unix ms) the newest latest-metric timestamp, else the
    /// run's end time, else null; ordered by endpoint.
    /// </summary>
    public static async Task MonitoringAsync(HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<TrackingServices>().Store;
        var ct = context.RequestAborted;
        var experiment = await store.FindExperimentByNameAsync(MonitoringHistoryNames.Experiment, ct);
        var runs = new List<Run>();
        if (experiment is not null)
        {
            string? token = null;
            do
            {
                var page = await store.SearchRunsAsync(new RunSearch([experiment.Id]) { MaxResults = RunSearch.DefaultMaxResults, PageToken = token }, ct);
                runs.AddRange(page.Items);
                token = page.NextPageToken;
            }
            while (token is not null);
        }

        var endpoints = runs
            .Select(run => new
            {
                endpoint = Tag(run, MonitoringHistoryNames.EndpointTag) ?? run.Info.RunName,
                model = Tag(run, MonitoringHistoryNames.ModelTag),
                run_id = run.Info.RunId.Value,
                last_evaluated = run.Data.Metrics.Count > 0 ? run.Data.Metrics.Max(m => m.Timestamp) : run.Info.EndTime,
            })
            .OrderBy(e => e.endpoint, StringComparer.Ordinal)
            .ThenBy(e => e.run_id, StringComparer.Ordinal)
            .ToList();
        await UiJson.WriteAsync(context, new { endpoints });
    }

    private static string? Tag(Run run, string key) => run.Data.Tags.FirstOrDefault(t => t.Key == key)?.Value;
}
