using System.Security.Cryptography;
using System.Text;

namespace Gyre.Monitoring.Alerts;

/// <summary>
/// An alert that fired or resolved: what pipelines trigger on (one JSON line each in the event log, snake_case fields:
/// <c>id, rule, metric, severity, state, labels, value, op, threshold, started_at, at, model</c>).
/// </summary>
/// <param name="Id">Deterministic fingerprint of (rule, labels, state, started_at): a re-sent or re-emitted event keeps its id,
/// so consumers can deduplicate on it.</param>
/// <param name="Value">The metric value at <paramref name="At"/> (may be NaN for a resolution by a non-computable value).</param>
/// <param name="StartedAt">When the condition started to hold.</param>
/// <param name="At">When this event was produced.</param>
/// <param name="Model">The monitored model (the sample's <c>model</c> label, else the dispatcher's model), if known.</param>
public sealed record AlertEvent(
    string Id,
    string Rule,
    string Metric,
    AlertSeverity Severity,
    AlertEventState State,
    IReadOnlyDictionary<string, string> Labels,
    double Value,
    string Op,
    double Threshold,
    DateTimeOffset StartedAt,
    DateTimeOffset At,
    string? Model)
{
    /// <summary>The rule's description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>Builds the event of a <see cref="AlertTransitionKind.Firing"/> or <see cref="AlertTransitionKind.Resolved"/> transition.
    /// A <see cref="AlertTransitionKind.Pending"/> transition throws <see cref="ArgumentException"/> (pending alerts are not announced).</summary>
    public static AlertEvent From(AlertTransition transition, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var state = transition.Kind switch
        {
            AlertTransitionKind.Firing => AlertEventState.Firing,
            AlertTransitionKind.Resolved => AlertEventState.Resolved,
            _ => throw new ArgumentException("Only firing and resolved transitions become alert events.", nameof(transition)),
        };
        var rule = transition.Rule;
        var labels = AlertLabels.Copy(transition.Labels);
        var resolvedModel = labels.TryGetValue("model", out var labelled) ? labelled : model;
        return new AlertEvent(
            Fingerprint(rule.Name, labels, state, transition.StartedAt),
            rule.Name,
            rule.Metric,
            rule.Severity,
            state,
            labels,
            transition.Value,
            rule.Op.ToSymbol(),
            rule.Threshold,
            transition.StartedAt,
            transition.At,
            resolvedModel)
        {
            Description = rule.Description,
        };
    }

    /// <summary>The id of the event for (rule, labels, state, startedAt): 32 lowercase hex digits of a SHA-256.</summary>
    public static string Fingerprint(string rule, IReadOnlyDictionary<string, string> labels, AlertEventState state, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(labels);
        var text = $"{rule.Length}:{rule}|{AlertLabels.Canonical(labels)}|{state}|{startedAt.UtcTicks}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16);
    }
}
