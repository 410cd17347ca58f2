namespace Gyre.Pipelines.Scheduling;

/// <summary>The values each trigger kind's events carry, usable as <c>${event.NAME}</c> in the trigger's params.</summary>
public static class TriggerEvents
{
    public static IReadOnlyList<string> Fields(TriggerKind kind) => kind switch
    {
        TriggerKind.Cron => ["time"],
        TriggerKind.Alert => ["id", "rule", "model", "metric", "value", "severity", "started_at", "time"],
        TriggerKind.Files => ["path", "name", "time"],
        TriggerKind.Alias => ["model", "alias", "version", "user", "time"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The name of <paramref name="kind"/> in pipeline files.</summary>
    public static string Name(TriggerKind kind) => kind.ToString().ToLowerInvariant();
}
