using Gyre.Core;

namespace Gyre.Monitoring.Alerts;

/// <summary>
/// A parsed, validated alert rules file:
/// <code>
/// repeat_interval: 4h                   # optional: re-send a still-firing alert after this long (default 4h)
/// webhooks:
///   - name: ops
///     url: http://127.0.0.1:9000/hook
///     headers: {Authorization: "Bearer x"}   # optional
/// rules:
///   - name: amount-drift                # unique
///     metric: feature_drift_score       # one of MonitoringMetrics
///     labels: {feature: amount}         # optional label match
///     op: ">="                          # > >= &lt; &lt;=
///     threshold: 0.1
///     window: 1h                        # optional data window (30s, 15m, 1h, 1d, 1h30m)
///     for: 30m                          # optional, default 0
///     severity: warning                 # info|warning|critical, default warning
///     notify: [ops]                     # optional webhook names
///     description: "amount drifted"     # optional
/// </code>
/// Parsing is strict: unknown keys, a bad op, duration or number, an unknown webhook name or a duplicate name throw
/// <see cref="GyreException"/> InvalidInput whose message starts <c>file:line:column:</c> and names the field.
/// </summary>
public sealed record AlertRuleSet(string Source, IReadOnlyList<AlertRule> Rules, IReadOnlyList<WebhookTarget> Webhooks, TimeSpan RepeatInterval)
{
    /// <summary>The default <see cref="RepeatInterval"/>: 4 hours (as Alertmanager).</summary>
    public static readonly TimeSpan DefaultRepeatInterval = TimeSpan.FromHours(4);

    /// <summary>Distinct rule windows, so a caller knows over which windows to compute metrics.</summary>
    public IReadOnlyList<TimeSpan?> Windows => [.. Rules.Select(rule => rule.Window).Distinct()];

    /// <summary>Parses rules text; <paramref name="source"/> (usually the file path) prefixes every error message.</summary>
    public static AlertRuleSet Parse(string yaml, string source) => AlertRuleSetReader.Parse(yaml, source);

    /// <summary>Reads and parses the rules file at <paramref name="path"/>. A missing or unreadable file throws NotFound.</summary>
    public static async Task<AlertRuleSet> LoadAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw GyreException.NotFound($"Cannot read alert rules '{path}': {error.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>The webhook named <paramref name="name"/>, or null.</summary>
    public WebhookTarget? FindWebhook(string name) => Webhooks.FirstOrDefault(hook => string.Equals(hook.Name, name, StringComparison.Ordinal));

    /// <summary>The rule named <paramref name="name"/>, or null.</summary>
    public AlertRule? FindRule(string name) => Rules.FirstOrDefault(rule => string.Equals(rule.Name, name, StringComparison.Ordinal));
}
