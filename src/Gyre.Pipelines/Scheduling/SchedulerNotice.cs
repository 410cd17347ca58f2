namespace Gyre.Pipelines.Scheduling;

/// <summary>What the scheduler did, for its log: <see cref="What"/> is one of <c>armed</c> (a trigger is watched from
/// now), <c>waiting</c> (an event waits for a free run slot), <c>started</c>, <c>finished</c>, <c>failed</c> (a run
/// ended so) and <c>error</c> (a trigger could not be polled, or a file could not be read; retried next tick).</summary>
public sealed record SchedulerNotice(DateTimeOffset At, string What, string Pipeline, string? Trigger, string? Event, string? RunId, string? Message);
