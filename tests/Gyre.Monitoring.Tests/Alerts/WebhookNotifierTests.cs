using System.Text.Json;
using Gyre.Monitoring.Alerts;
using Gyre.Testing;

namespace Gyre.Monitoring.Tests.Alerts;

public sealed class WebhookNotifierTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly WebhookNotifierOptions Fast = new() { BaseDelay = TimeSpan.FromMilliseconds(5), MaxAttempts = 4 };

    private static AlertRuleSet Rules(Uri url) => AlertRuleSet.Parse($"""
        repeat_interval: 1h
        webhooks:
          - name: ops
            url: {url}
            headers: {"{"}Authorization: "Bearer x"{"}"}
        rules:
          - name: rows
            metric: rows
            op: "<"
            threshold: 100
            notify: [ops]
        """, "r.yaml");

    private static AlertEvent Event(AlertEventState state, DateTimeOffset at) =>
        AlertEvent.From(new AlertTransition(
            Rules(new Uri("http://127.0.0.1/")).Rules[0],
            new Dictionary<string, string> { ["model"] = "fraud" },
            state == AlertEventState.Firing ? AlertTransitionKind.Firing : AlertTransitionKind.Resolved,
            5,
            T0,
            at));

    [Fact]
    public async Task NotifyAsync_Success_PostsAlertmanagerShapedJsonWithHeaders()
    {
        using var server = new LoopbackWebhookServer();
        using var http = new HttpClient();
        using var notifier = new WebhookNotifier(http, Fast, WebhookDeliveryLedger.InMemory());
        var alert = Event(AlertEventState.Firing, T0);

        var delivery = Assert.Single(await notifier.NotifyAsync(Rules(server.Url), alert, TestContext.Current.CancellationToken));

        Assert.Equal(WebhookDeliveryOutcome.Delivered, delivery.Outcome);
        Assert.Equal(1, delivery.Attempts);
        var request = Assert.Single(server.Received);
        Assert.Equal("POST", request.Method);
        Assert.Equal("Bearer x", request.Headers["Authorization"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("firing", body.RootElement.GetProperty("status").GetString());
        var first = body.RootElement.GetProperty("alerts")[0];
        Assert.Equal("rows", first.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("fraud", first.GetProperty("labels").GetProperty("model").GetString());
        Assert.Equal(alert.Id, first.GetProperty("fingerprint").GetString());
        Assert.Equal(alert.Id, body.RootElement.GetProperty("gyre_event").GetProperty("id").GetString());
    }

    [Fact]
    public async Task NotifyAsync_503ThenSuccess_RetriesWithExponentialBackoff()
    {
        using var server = new LoopbackWebhookServer();
        server.Respond(503);
        server.Respond(503);
        using var http = new HttpClient();
        using var notifier = new WebhookNotifier(http, Fast, WebhookDeliveryLedger.InMemory());

        var delivery = Assert.Single(await notifier.NotifyAsync(Rules(server.Url), Event(AlertEventState.Firing, T0), TestContext.Current.CancellationToken));

        Assert.Equal(WebhookDeliveryOutcome.Delivered, delivery.Outcome);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal([TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10)], delivery.Delays);
        Assert.Equal(3, server.Received.Count);
    }

    [Fact]
    public async Task NotifyAsync_400_GivesUpAfterOneAttempt()
    {
        using var server = new LoopbackWebhookServer();
        server.Respond(400);
        using var http = new HttpClient();
        using var notifier = new WebhookNotifier(http, Fast, WebhookDeliveryLedger.InMemory());

        var delivery = Assert.Single(await notifier.NotifyAsync(Rules(server.Url), Event(AlertEventState.Firing, T0), TestContext.Current.CancellationToken));

        Assert.Equal(WebhookDeliveryOutcome.Rejected, delivery.Outcome);
        Assert.Equal(1, delivery.Attempts);
        Assert.Equal(400, delivery.StatusCode);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task NotifyAsync_429WithRetryAfter_WaitsTheAskedDelay()
    {
        using var server = new LoopbackWebhookServer();
        server.Respond(429, retryAfter: "1");
        using var http = new HttpClient();
        using var notifier = new WebhookNotifier(http, Fast, WebhookDeliveryLedger.InMemory());

        var delivery = Assert.Single(await notifier.NotifyAsync(Rules(server.Url), Event(AlertEventState.Firing, T0), TestContext.Current.CancellationToken));

        Assert.Equal(WebhookDeliveryOutcome.Delivered, delivery.Outcome);
        Assert.Equal([TimeSpan.FromSeconds(1)], delivery.Delays);
    }

    [Fact]
    public async Task NotifyAsync_AlwaysFailing_ReturnsFailedWithoutThrowingAndRetriesLater()
    {
        using var server = new LoopbackWebhookServer();
        for (var index = 0; index < 4; index++)
        {
            server.Respond(500);
        }

        using var http = new HttpClient();
        using var notifier = new WebhookNotifier(http, Fast, WebhookDeliveryLedger.InMemory());
        var rules = Rules(server.Url);
        var alert = Event(AlertEventState.Firing, T0);

        var failed = Assert.Single(await notifier.NotifyAsync(rules, alert, TestContext.Current.CancellationToken));
        var retried = Assert.Single(await notifier.NotifyAsync(rules, alert, TestContext.Current.CancellationToken));

        Assert.Equal(WebhookDeliveryOutcome.Failed, failed.Outcome);
        Assert.Equal(4, failed.Attempts);
        Assert.Equal(500, failed.StatusCode);
        Assert.Equal(WebhookDeliveryOutcome.Delivered, retried.Outcome);
    }

    [Fact]
    public async Task NotifyAsync_ConnectionRefused_ReturnsFailed()
    {
        var closed = new Uri($"http://127.0.0.1:{LoopbackWebhookServer.FreePort()}/hook");
        using var http = new HttpClient();
        using var notifier = new WebhookNotifier(http, Fast with { MaxAttempts = 2 }, WebhookDeliveryLedger.InMemory());

        var delivery = Assert.Single(await notifier.NotifyAsync(Rules(closed), Event(AlertEventState.Firing, T0), TestContext.Current.CancellationToken));

        Assert.Equal(WebhookDeliveryOutcome.Failed, delivery.Outcome);
        Assert.Equal(2, delivery.Attempts);
        Assert.Null(delivery.StatusCode);
        Assert.NotNull(delivery.Error);
    }

    [Fact]
    public async Task NotifyAsync_TwoNotifiersSharingLedgerFile_DeliverOnce()
    {
        using var server = new LoopbackWebhookServer();
        using var folder = new TemporaryFolder();
        var ledgerPath = folder.Combine("state", "deliveries.json");
        var rules = Rules(server.Url);
        var token = TestContext.Current.CancellationToken;
        using var http = new HttpClient();
        using var firstLedger = await WebhookDeliveryLedger.OpenAsync(ledgerPath, token);
        using var first = new WebhookNotifier(http, Fast, firstLedger);
        using var secondLedger = await WebhookDeliveryLedger.OpenAsync(ledgerPath, token);
        using var second = new WebhookNotifier(http, Fast, secondLedger);

        var sent = Assert.Single(await first.NotifyAsync(rules, Event(AlertEventState.Resolved, T0.AddMinutes(5)), token));
        var again = Assert.Single(await second.NotifyAsync(rules, Event(AlertEventState.Resolved, T0.AddMinutes(9)), token));
        using var afterRestartLedger = await WebhookDeliveryLedger.OpenAsync(ledgerPath, token);
        using var afterRestart = new WebhookNotifier(http, Fast, afterRestartLedger);
        var third = Assert.Single(await afterRestart.NotifyAsync(rules, Event(AlertEventState.Resolved, T0.AddDays(1)), token));

        Assert.Equal(WebhookDeliveryOutcome.Delivered, sent.Outcome);
        Assert.Equal(WebhookDeliveryOutcome.Deduplicated, again.Outcome);
        Assert.Equal(WebhookDeliveryOutcome.Deduplicated, third.Outcome);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task NotifyAsync_FiringAgain_ResentOnlyAfterRepeatInterval()
    {
        using var server = new LoopbackWebhookServer();
        using var http = new HttpClient();
        using var notifier = new WebhookNotifier(http, Fast, WebhookDeliveryLedger.InMemory());
        var rules = Rules(server.Url);
        var token = TestContext.Current.CancellationToken;

        var first = await notifier.NotifyAsync(rules, Event(AlertEventState.Firing, T0), token);
        var early = await notifier.NotifyAsync(rules, Event(AlertEventState.Firing, T0.AddMinutes(59)), token);
        var due = await notifier.NotifyAsync(rules, Event(AlertEventState.Firing, T0.AddMinutes(60)), token);
        var earlyAgain = await notifier.NotifyAsync(rules, Event(AlertEventState.Firing, T0.AddMinutes(100)), token);

        Assert.Equal(WebhookDeliveryOutcome.Delivered, Assert.Single(first).Outcome);
        Assert.Equal(WebhookDeliveryOutcome.Deduplicated, Assert.Single(early).Outcome);
        Assert.Equal(WebhookDeliveryOutcome.Delivered, Assert.Single(due).Outcome);
        Assert.Equal(WebhookDeliveryOutcome.Deduplicated, Assert.Single(earlyAgain).Outcome);
        Assert.Equal(2, server.Received.Count);
    }
}
