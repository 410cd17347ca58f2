using Gyre.Core;
using Gyre.Data.Files;
using Gyre.Monitoring.Alerts;
using Gyre.Monitoring.InferenceLog;
using Gyre.Monitoring.Reports;
using Gyre.Pipelines.Monitoring;
using Gyre.Serving.Endpoints;
using Gyre.Serving.Hosting;
using Gyre.Serving.Telemetry;

namespace Gyre.Cli.Commands.Monitor;

/// <summary>
/// `gyre serve --monitor-interval D [--monitor-window W] [--alert-rules FILE]`: monitoring inside the model server.
/// Each evaluation publishes gauges on /metrics, is kept in the endpoint's monitoring history (<see cref="MonitoringHistory"/>:
/// experiment "monitoring" in tracking) and, with rules, runs alerting per endpoint (events in
/// &lt;workspace&gt;/events/alerts.jsonl, state in &lt;workspace&gt;/monitor/serve-ENDPOINT.*). In the server every rule is
/// evaluated on the --monitor-window data, whatever its own window.
/// </summary>
public sealed class ServeMonitoring : IAsyncDisposable
{
    private readonly IReadOnlyList<EndpointSpec> _endpoints;
    private readonly MonitorJob _job;
    private readonly ServingMonitorOptions _options;
    private readonly AlertRuleSet? _rules;
    private readonly string _home;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Dictionary<string, AlertDispatcher> _dispatchers = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _owned = [];
    private ServingMonitor? _monitor;
    private TextWriter _log = TextWriter.Null;

    private readonly MonitoringHistory _history;

    private ServeMonitoring(IReadOnlyList<EndpointSpec> endpoints, MonitorJob job, ServingMonitorOptions options, AlertRuleSet? rules, string home, MonitoringHistory history)
    {
        _endpoints = endpoints;
        _job = job;
        _options = options;
        _rules = rules;
        _home = home;
        _history = history;
    }

    /// <summary>The monitoring to run, or null when <paramref name="interval"/> is null (off).</summary>
    /// <exception cref="GyreException">InvalidInput for a bad duration or rules file, or rules without an interval.</exception>
    public static async Task<ServeMonitoring?> CreateAsync(
        CliEnvironment environment, Workspace workspace, IReadOnlyList<EndpointSpec> endpoints, string? interval, string window, string? rulesPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(workspace);
        if (interval is null)
        {
            return rulesPath is null ? null : throw GyreException.InvalidInput("--alert-rules needs --monitor-interval (how often to evaluate them).");
        }

        var options = new ServingMonitorOptions(Durations.Parse(interval, "--monitor-interval"), Durations.Parse(window, "--monitor-window"));
        var log = workspace.Tracking as IInferenceLogStore
            ?? throw GyreException.InvalidInput("--monitor-interval needs a workspace whose store keeps the inference log (the local database or a Gyre database).");
        var rules = rulesPath is null ? null : await AlertRuleSet.LoadAsync(environment.ResolvePath(rulesPath), cancellationToken);
        var usesRegistry = endpoints.Any(e => e.Primary.Reference is not null);
        var job = new MonitorJob(usesRegistry ? ModelsCommands.Loader(workspace) : null, log);
        return new ServeMonitoring(endpoints, job, options, rules, Workspace.ResolveHome(environment), new MonitoringHistory(workspace.Tracking));
    }

    /// <summary>Starts the timer; returns this (dispose to stop). <paramref name="servedVersion"/>: the version each endpoint serves now (see <see cref="ServingMonitor.ServedVersion"/>).</summary>
    public ServeMonitoring Start(MonitoringGauges gauges, TextWriter log, Func<string, int?>? servedVersion = null)
    {
        _log = log;
        _monitor = new ServingMonitor(_endpoints, _job, gauges, _options, OnReportAsync, log) { ServedVersion = servedVersion };
        _monitor.Start();
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        if (_monitor is not null)
        {
            await _monitor.DisposeAsync();
        }

        foreach (var owned in _dispatchers.Values.Concat(_owned))
        {
            owned.Dispose();
        }

        _http.Dispose();
    }

    /// <summary>Each evaluation: alerting when there are rules, then the endpoint's monitoring history (tracking).</summary>
    private async Task OnReportAsync(string endpoint, MonitoringReport report, CancellationToken cancellationToken)
    {
        if (_rules is not null)
        {
            await AlertAsync(endpoint, report, cancellationToken);
        }

        await _history.RecordAsync(endpoint, report, cancellationToken);
    }

    private async Task AlertAsync(string endpoint, MonitoringReport report, CancellationToken cancellationToken)
    {
        var statePath = Path.Combine(_home, "monitor", $"serve-{endpoint}.alerts-state.json");
        if (!_dispatchers.TryGetValue(endpoint, out var dispatcher))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(statePath)!);
            var eventsPath = Path.Combine(_home, "events", "alerts.jsonl");
            Directory.CreateDirectory(Path.GetDirectoryName(eventsPath)!);
            var evaluator = File.Exists(statePath)
                ? AlertEvaluator.FromJson(_rules!, await File.ReadAllTextAsync(statePath, cancellationToken), statePath)
                : new AlertEvaluator(_rules!);
            WebhookNotifier? notifier = null;
            if (_rules!.Webhooks.Count > 0)
            {
                var ledger = await WebhookDeliveryLedger.OpenAsync(Path.ChangeExtension(statePath, ".webhooks.json"), cancellationToken);
                notifier = new WebhookNotifier(_http, new WebhookNotifierOptions(), ledger);
                _owned.Add(ledger);
                _owned.Add(notifier);
            }
            dispatcher = new AlertDispatcher(evaluator, new JsonlAlertEventSink(eventsPath), notifier, report.Model);
            _dispatchers[endpoint] = dispatcher;
        }

        var dispatch = await dispatcher.DispatchAsync(MonitoringSamples.From(report, null, report.GeneratedAt), report.GeneratedAt, cancellationToken);
        await AtomicFile.WriteAllTextAsync(statePath, dispatcher.Evaluator.ToJson(), cancellationToken);
        foreach (var alert in dispatch.Events)
        {
            await _log.WriteLineAsync($"gyre serve: alert {alert.Rule} {alert.State.ToString().ToLowerInvariant()} on endpoint '{endpoint}' (value {alert.Value:0.####}).");
        }
    }
}
