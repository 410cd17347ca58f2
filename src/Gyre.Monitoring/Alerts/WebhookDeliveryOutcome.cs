namespace Gyre.Monitoring.Alerts;

/// <summary>How the delivery of one alert event to one webhook ended.</summary>
public enum WebhookDeliveryOutcome
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Not sent: already delivered (resolved, or firing within the repeat interval).</summary>
    Deduplicated,

    /// <summary>The receiver refused it with a 4xx other than 429; not retried.</summary>
    Rejected,

    /// <summary>Every attempt failed with a transport error, a timeout, a 5xx or a 429.</summary>
    Failed,
}
