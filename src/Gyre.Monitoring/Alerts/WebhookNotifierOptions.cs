using Gyre.Core;

namespace Gyre.Monitoring.Alerts;

/// <summary>Retry policy and clock of a <see cref="WebhookNotifier"/>. Retries happen on transport errors, timeouts, 5xx and 429.</summary>
public sealed record WebhookNotifierOptions
{
    /// <summary>Delay before the second attempt; each further delay doubles, up to <see cref="MaxDelay"/>. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of a computed backoff delay. Default 1 min.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Upper bound of a delay asked by a <c>Retry-After</c> header (larger values are clipped). Default 5 min.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts per webhook and event, the first included (≥ 1). Default 5.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Clock for delays and for <c>Retry-After</c> dates.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws <see cref="GyreException"/> InvalidInput naming the first bad option.</summary>
    public void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw GyreException.InvalidInput($"Webhook option 'MaxAttempts' must be at least 1, got {MaxAttempts}.");
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero || MaxRetryAfter < TimeSpan.Zero)
        {
            throw GyreException.InvalidInput("Webhook options 'BaseDelay', 'MaxDelay' and 'MaxRetryAfter' must not be negative.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
