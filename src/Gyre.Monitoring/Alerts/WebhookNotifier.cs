using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gyre.Monitoring.Alerts;

/// <summary>
/// POSTs alert events to the webhooks a rule names, with retries, backoff and deduplication.
/// <para>
/// Payload (<c>application/json</c>), shaped like an Alertmanager v4 webhook so existing receivers understand it, plus
/// Gyre's own event:
/// <code>
/// {"version":"4","receiver":"ops","status":"firing","groupKey":"amount-drift",
///  "alerts":[{"status":"firing","labels":{"alertname":"amount-drift","severity":"warning","feature":"amount"},
///             "annotations":{"metric":"feature_drift_score","op":"&gt;=","threshold":"0.1","value":"0.13","description":"..."},
///             "startsAt":"2026-01-01T10:00:00+00:00","endsAt":"0001-01-01T00:00:00+00:00","fingerprint":"&lt;event id&gt;"}],
///  "commonLabels":{...same labels...},"gyre_event":{...the AlertEvent in snake_case...}}
/// </code>
/// (<c>endsAt</c> is the resolution time for a resolved alert.)
/// </para>
/// <para>
/// Retries: transport errors, timeouts, 5xx and 429 are retried up to <see cref="WebhookNotifierOptions.MaxAttempts"/> with delays
/// <c>BaseDelay·2^(n-1)</c> (capped at MaxDelay), or the <c>Retry-After</c> the receiver asks for (capped at MaxRetryAfter); any
/// other 4xx is final. Deduplication through the <see cref="WebhookDeliveryLedger"/>: a resolved event is delivered at most once per
/// webhook; a firing event again only when <see cref="AlertEvent.At"/> is at least the rule set's repeat interval after the last delivery.
/// </para>
/// <para>Delivery failures never throw: they are returned as <see cref="WebhookDelivery"/> results. Only cancellation of the caller's
/// token throws. Calls on one instance are serialized; the <see cref="HttpClient"/> is borrowed, not disposed.</para>
/// </summary>
public sealed class WebhookNotifier : IDisposable
{
    private readonly HttpClient _http;
    private readonly WebhookNotifierOptions _options;
    private readonly WebhookDeliveryLedger _ledger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public WebhookNotifier(HttpClient http, WebhookNotifierOptions options, WebhookDeliveryLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ledger);
        options.Validate();
        _http = http;
        _options = options;
        _ledger = ledger;
    }

    /// <summary>Delivers <paramref name="alert"/> to every webhook its rule (in <paramref name="rules"/>) names; one result per webhook.
    /// An event whose rule is not in the set, or whose rule names no webhooks, yields no results.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> NotifyAsync(AlertRuleSet rules, AlertEvent alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(alert);
        var rule = rules.FindRule(alert.Rule);
        if (rule is null)
        {
            return [];
        }

        var results = new List<WebhookDelivery>();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var name in rule.Notify)
            {
                if (rules.FindWebhook(name) is not { } webhook)
                {
                    continue;
                }

                var last = await _ledger.FindLastDeliveryAsync(webhook.Name, alert.Id, cancellationToken).ConfigureAwait(false);
                if (last is { } sentAt && (alert.State == AlertEventState.Resolved || alert.At - sentAt < rules.RepeatInterval))
                {
                    results.Add(new WebhookDelivery(webhook.Name, alert.Id, WebhookDeliveryOutcome.Deduplicated, 0, null, null, []));
                    continue;
                }

                var delivery = await DeliverAsync(webhook, alert, cancellationToken).ConfigureAwait(false);
                if (delivery.Outcome == WebhookDeliveryOutcome.Delivered)
                {
                    await _ledger.RecordAsync(webhook.Name, alert.Id, alert.At, cancellationToken).ConfigureAwait(false);
                }

                results.Add(delivery);
            }
        }
        finally
        {
            _gate.Release();
        }

        return results;
    }

    /// <summary>The JSON body POSTed for <paramref name="alert"/> to <paramref name="receiver"/> (see the class remarks).</summary>
    public static string Payload(AlertEvent alert, string receiver)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var status = alert.State == AlertEventState.Firing ? "firing" : "resolved";
        var labels = new JsonObject { ["alertname"] = alert.Rule, ["severity"] = alert.Severity.ToString().ToLowerInvariant() };
        foreach (var (key, value) in alert.Labels)
        {
            labels[key] = value;
        }

        var annotations = new JsonObject
        {
            ["metric"] = alert.Metric,
            ["op"] = alert.Op,
            ["threshold"] = alert.Threshold.ToString("R", CultureInfo.InvariantCulture),
            ["value"] = alert.Value.ToString("R", CultureInfo.InvariantCulture),
        };
        if (alert.Description is { } description)
        {
            annotations["description"] = description;
        }

        var endsAt = alert.State == AlertEventState.Resolved ? alert.At : DateTimeOffset.MinValue;
        var body = new JsonObject
        {
            ["version"] = "4",
            ["receiver"] = receiver,
            ["status"] = status,
            ["groupKey"] = alert.Rule,
            ["alerts"] = new JsonArray(new JsonObject
            {
                ["status"] = status,
                ["labels"] = labels,
                ["annotations"] = annotations,
                ["startsAt"] = alert.StartedAt.ToString("O", CultureInfo.InvariantCulture),
                ["endsAt"] = endsAt.ToString("O", CultureInfo.InvariantCulture),
                ["fingerprint"] = alert.Id,
            }),
            ["commonLabels"] = labels.DeepClone(),
            ["gyre_event"] = JsonSerializer.SerializeToNode(alert, AlertJson.Options),
        };
        return body.ToJsonString();
    }

    private async Task<WebhookDelivery> DeliverAsync(WebhookTarget webhook, AlertEvent alert, CancellationToken cancellationToken)
    {
        var body = Payload(alert, webhook.Name);
        var delays = new List<TimeSpan>();
        int? status = null;
        string? error = null;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                foreach (var (name, value) in webhook.Headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return new WebhookDelivery(webhook.Name, alert.Id, WebhookDeliveryOutcome.Delivered, attempt, status, null, delays);
                }

                error = $"HTTP {status} {response.ReasonPhrase}";
                if (response.StatusCode != HttpStatusCode.TooManyRequests && status < 500)
                {
                    return new WebhookDelivery(webhook.Name, alert.Id, WebhookDeliveryOutcome.Rejected, attempt, status, error, delays);
                }

                retryAfter = RetryAfter(response);
            }
            catch (HttpRequestException exception)
            {
                error = exception.Message;
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                error = $"timed out: {exception.Message}";
            }

            if (attempt >= _options.MaxAttempts)
            {
                return new WebhookDelivery(webhook.Name, alert.Id, WebhookDeliveryOutcome.Failed, attempt, status, error, delays);
            }

            var delay = retryAfter ?? Backoff(attempt);
            delays.Add(delay);
            await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var ticks = _options.BaseDelay.Ticks * Math.Pow(2, attempt - 1);
        return ticks >= _options.MaxDelay.Ticks ? _options.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? asked = header?.Delta ?? (header?.Date is { } date ? date - _options.TimeProvider.GetUtcNow() : null);
        if (asked is not { } delay)
        {
            return null;
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > _options.MaxRetryAfter ? _options.MaxRetryAfter : delay;
    }

    /// <summary>Releases the gate that serializes calls; the instance must not be used afterwards.</summary>
    public void Dispose() => _gate.Dispose();
}
