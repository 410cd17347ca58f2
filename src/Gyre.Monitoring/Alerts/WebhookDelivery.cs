namespace Gyre.Monitoring.Alerts;

/// <summary>The result of delivering event <paramref name="EventId"/> to webhook <paramref name="Webhook"/>.</summary>
/// <param name="Attempts">HTTP attempts made (0 when deduplicated).</param>
/// <param name="StatusCode">The last HTTP status received, if any.</param>
/// <param name="Error">Why the last attempt failed, for Rejected and Failed.</param>
/// <param name="Delays">The waits between attempts, in order (from backoff or <c>Retry-After</c>).</param>
public sealed record WebhookDelivery(
    string Webhook,
    string EventId,
    WebhookDeliveryOutcome Outcome,
    int Attempts,
    int? StatusCode,
    string? Error,
    IReadOnlyList<TimeSpan> Delays);
