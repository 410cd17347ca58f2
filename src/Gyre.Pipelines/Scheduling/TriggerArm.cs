namespace Gyre.Pipelines.Scheduling;

/// <summary>
/// When a trigger was first watched, and what it had seen then: only later events start runs (a scheduler started
/// today does not replay last month's cron times, alerts, files or alias moves).
/// </summary>
/// <param name="AuditSequence">For an alias trigger: the model's newest audit entry at arming (0 if none).</param>
public sealed record TriggerArm(DateTimeOffset ArmedAt, long AuditSequence)
{
    /// <summary>True when this call armed the trigger (first sight), false when it was armed before.</summary>
    public bool IsNew { get; init; }
}
