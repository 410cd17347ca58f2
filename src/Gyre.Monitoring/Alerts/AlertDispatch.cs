namespace Gyre.Monitoring.Alerts;

/// <summary>What one <see cref="AlertDispatcher.DispatchAsync"/> did: the evaluator's transitions, the events recorded,
/// and every webhook delivery attempted (failures included).</summary>
public sealed record AlertDispatch(
    IReadOnlyList<AlertTransition> Transitions,
    IReadOnlyList<AlertEvent> Events,
    IReadOnlyList<WebhookDelivery> Deliveries)
{
    /// <summary>Deliveries that were rejected or failed.</summary>
    public IReadOnlyList<WebhookDelivery> FailedDeliveries =>
        [.. Deliveries.Where(delivery => delivery.Outcome is WebhookDeliveryOutcome.Failed or WebhookDeliveryOutcome.Rejected)];
}
