namespace Gyre.Monitoring.Alerts;

/// <summary>What changed for one alert (rule × label set) in an evaluation.</summary>
public enum AlertTransitionKind
{
    /// <summary>The condition started to hold; the alert waits for the rule's <c>for</c> duration.</summary>
    Pending,

    /// <summary>The condition has held for at least the rule's <c>for</c> duration.</summary>
    Firing,

    /// <summary>A firing alert's condition no longer holds (or its sample is absent or NaN).</summary>
    Resolved,
}
