using Gyre.Core;
using Gyre.Data.Files;
using Gyre.Monitoring.Alerts;
using Gyre.Monitoring.Reports;

namespace Gyre.Pipelines.Monitoring;

/// <summary>One watch cycle: the reports computed (one per rule window) and what alerting did with them.</summary>
public sealed record WatchCycle(IReadOnlyList<MonitoringReport> Reports, AlertDispatch Dispatch);

/// <summary>
/// Scheduled alerting for one model: each <see cref="RunOnceAsync"/> computes a report per distinct rule window (a rule
/// without a window uses the request's own current data), turns them into samples, evaluates the rules, records
/// events in the sink (what pipelines trigger on) and calls webhooks. The evaluator's state is saved atomically after
/// every cycle, so a restarted watch neither re-fires nor forgets a pending condition. Not thread-safe: one cycle at a time.
/// </summary>
public sealed class MonitorWatch : IDisposable
{
    private readonly MonitorJob _job;
    private readonly MonitorRequest _request;
    private readonly AlertDispatcher _dispatcher;
    private readonly string _statePath;
    private readonly WebhookNotifier? _notifier;
    private readonly WebhookDeliveryLedger? _ledger;

    private MonitorWatch(MonitorJob job, MonitorRequest request, AlertDispatcher dispatcher, string statePath, WebhookNotifier? notifier, WebhookDeliveryLedger? ledger)
    {
        _job = job;
        _request = request;
        _dispatcher = dispatcher;
        _statePath = statePath;
        _notifier = notifier;
        _ledger = ledger;
    }

    public AlertRuleSet Rules => _dispatcher.Evaluator.Rules;

    /// <summary>Opens a watch, restoring the evaluator's state from <paramref name="statePath"/> when it exists.</summary>
    /// <param name="http">Client for webhooks (null: events are recorded, no webhook is called).</param>
    /// <exception cref="GyreException">Corrupt when the state file is unreadable (naming it).</exception>
    public static async Task<MonitorWatch> OpenAsync(
        MonitorJob job, MonitorRequest request, AlertRuleSet rules, string statePath, IAlertEventSink events, string ledgerPath, HttpClient? http,
        WebhookNotifierOptions? notifierOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rules);
        var evaluator = File.Exists(statePath)
            ? AlertEvaluator.FromJson(rules, await File.ReadAllTextAsync(statePath, cancellationToken), statePath)
            : new AlertEvaluator(rules);
        WebhookDeliveryLedger? ledger = null;
        WebhookNotifier? notifier = null;
        if (http is not null && rules.Webhooks.Count > 0)
        {
            ledger = await WebhookDeliveryLedger.OpenAsync(ledgerPath, cancellationToken);
            notifier = new WebhookNotifier(http, notifierOptions ?? new WebhookNotifierOptions(), ledger);
        }

        var dispatcher = new AlertDispatcher(evaluator, events, notifier, request.Model);
        return new MonitorWatch(job, request, dispatcher, statePath, notifier, ledger);
    }

    /// <summary>Runs one cycle at <paramref name="now"/>.</summary>
    public async Task<WatchCycle> RunOnceAsync(DateTimeOffset now, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var fromLog = _request.CurrentPath is null;
        var windows = fromLog ? Rules.Windows : [null];
        var reports = new List<MonitoringReport>();
        var samples = new List<MetricSample>();
        foreach (var window in windows)
        {
            var request = window is { } w && fromLog ? _request with { Window = w, LastRows = null, Now = now } : _request with { Now = now };
            var report = await _job.RunAsync(request, progress, cancellationToken);
            reports.Add(report);
            samples.AddRange(MonitoringSamples.From(report, fromLog ? window : null, now));
        }

        var dispatch = await _dispatcher.DispatchAsync(samples, now, cancellationToken);
        await AtomicFile.WriteAllTextAsync(_statePath, _dispatcher.Evaluator.ToJson(), cancellationToken);
        return new WatchCycle(reports, dispatch);
    }

    public void Dispose()
    {
        _dispatcher.Dispose();
        _notifier?.Dispose();
        _ledger?.Dispose();
    }
}
