using Gyre.Monitoring.Alerts;
using Gyre.Testing;

namespace Gyre.Monitoring.Tests.Alerts;

public sealed class AlertDispatcherTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private static AlertRuleSet Rules(Uri url) => AlertRuleSet.Parse($"""
        repeat_interval: 1h
        webhooks:
          - name: ops
            url: {url}
        rules:
          - name: drift-share
            metric: dataset_drift_share
            op: ">="
            threshold: 0.5
            for: 10m
            severity: critical
            notify: [ops]
        """, "r.yaml");

    private static MetricSample Share(double value) => new(MonitoringMetrics.DatasetDriftShare, new Dictionary<string, string>(), value);

    [Fact]
    public async Task DispatchAsync_FireThenRestartThenResolve_RecordsAndSendsEachEventOnce()
    {
        using var server = new LoopbackWebhookServer();
        using var folder = new TemporaryFolder();
        var token = TestContext.Current.CancellationToken;
        var rules = Rules(server.Url);
        var sink = new JsonlAlertEventSink(folder.Combine("alerts.jsonl"));
        var options = new WebhookNotifierOptions { BaseDelay = TimeSpan.FromMilliseconds(5) };
        using var http = new HttpClient();
        string state;
        using (var ledger = await WebhookDeliveryLedger.OpenAsync(folder.Combine("deliveries.json"), token))
        using (var notifier = new WebhookNotifier(http, options, ledger))
        using (var dispatcher = new AlertDispatcher(new AlertEvaluator(rules), sink, notifier, model: "fraud"))
        {
            var pending = await dispatcher.DispatchAsync([Share(0.6)], T0, token);
            var firing = await dispatcher.DispatchAsync([Share(0.7)], T0.AddMinutes(10), token);

            Assert.Equal(AlertTransitionKind.Pending, Assert.Single(pending.Transitions).Kind);
            Assert.Empty(pending.Events);
            var fired = Assert.Single(firing.Events);
            Assert.Equal(AlertEventState.Firing, fired.State);
            Assert.Equal("fraud", fired.Model);
            Assert.Equal(WebhookDeliveryOutcome.Delivered, Assert.Single(firing.Deliveries).Outcome);
            state = dispatcher.Evaluator.ToJson();
        }

        using (var ledger = await WebhookDeliveryLedger.OpenAsync(folder.Combine("deliveries.json"), token))
        using (var notifier = new WebhookNotifier(http, options, ledger))
        using (var dispatcher = new AlertDispatcher(AlertEvaluator.FromJson(rules, state), sink, notifier, model: "fraud"))
        {
            var stillFiring = await dispatcher.DispatchAsync([Share(0.7)], T0.AddMinutes(20), token);
            var repeated = await dispatcher.DispatchAsync([Share(0.7)], T0.AddMinutes(70), token);
            var resolved = await dispatcher.DispatchAsync([Share(0.1)], T0.AddMinutes(80), token);

            Assert.Empty(stillFiring.Events);
            Assert.Empty(stillFiring.Deliveries);
            Assert.Empty(repeated.Events);
            Assert.Equal(WebhookDeliveryOutcome.Delivered, Assert.Single(repeated.Deliveries).Outcome);
            Assert.Equal(AlertEventState.Resolved, Assert.Single(resolved.Events).State);
            Assert.Equal(WebhookDeliveryOutcome.Delivered, Assert.Single(resolved.Deliveries).Outcome);
        }

        var log = await sink.ReadAsync(null, token);
        Assert.Equal([AlertEventState.Firing, AlertEventState.Resolved], log.Events.Select(e => e.State));
        Assert.Equal(3, server.Received.Count);
    }

    [Fact]
    public async Task DispatchAsync_WebhookDown_EventStillRecordedAndFailureReturned()
    {
        using var folder = new TemporaryFolder();
        var token = TestContext.Current.CancellationToken;
        var rules = Rules(new Uri($"http://127.0.0.1:{LoopbackWebhookServer.FreePort()}/hook"));
        var sink = new JsonlAlertEventSink(folder.Combine("alerts.jsonl"));
        using var http = new HttpClient();
        using var notifier = new WebhookNotifier(http, new WebhookNotifierOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxAttempts = 2 }, WebhookDeliveryLedger.InMemory());
        using var dispatcher = new AlertDispatcher(new AlertEvaluator(rules), sink, notifier);

        await dispatcher.DispatchAsync([Share(0.9)], T0, token);
        var dispatch = await dispatcher.DispatchAsync([Share(0.9)], T0.AddMinutes(10), token);

        Assert.Single(dispatch.Events);
        Assert.Equal(WebhookDeliveryOutcome.Failed, Assert.Single(dispatch.FailedDeliveries).Outcome);
        Assert.Single((await sink.ReadAsync(null, token)).Events);
    }
}
