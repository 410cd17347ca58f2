namespace Gyre.Monitoring.Alerts;

/// <summary>A named webhook receiver from the rules file: alerts are POSTed to <paramref name="Url"/> (absolute http/https)
/// with the extra <paramref name="Headers"/> (e.g. Authorization).</summary>
public sealed record WebhookTarget(string Name, Uri Url, IReadOnlyDictionary<string, string> Headers);
