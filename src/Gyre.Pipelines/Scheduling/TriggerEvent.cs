namespace Gyre.Pipelines.Scheduling;

/// <summary>
/// Something a trigger saw that should start one run. <see cref="Id"/> identifies the event for good (a cron time, an
/// alert event's id, a file's path+size+time, an audit entry's sequence): the scheduler starts at most one run per
/// (pipeline, trigger, id). <see cref="Values"/> are what <c>${event.NAME}</c> can use in the trigger's params.
/// </summary>
public sealed record TriggerEvent(string Id, DateTimeOffset At, string Description, IReadOnlyDictionary<string, string> Values);
