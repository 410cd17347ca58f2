namespace Gyre.Monitoring.Alerts;

/// <summary>
/// A state change of one alert, the pair (<paramref name="Rule"/>, <paramref name="Labels"/>), at <paramref name="At"/>.
/// </summary>
/// <param name="Labels">The full labels of the matching sample (not only the rule's).</param>
/// <param name="Value">The sample value at <paramref name="At"/>; for <see cref="AlertTransitionKind.Resolved"/> the current value,
/// or the last seen value when the sample is absent.</param>
/// <param name="StartedAt">When the condition started to hold (the alert's identity together with rule and labels).</param>
public sealed record AlertTransition(
    AlertRule Rule,
    IReadOnlyDictionary<string, string> Labels,
    AlertTransitionKind Kind,
    double Value,
    DateTimeOffset StartedAt,
    DateTimeOffset At);
