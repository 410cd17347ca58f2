namespace Gyre.Pipelines.Scheduling;

/// <summary>
/// One trigger of a pipeline file. Which fields are set depends on <see cref="Kind"/>: <see cref="Schedule"/> for cron;
/// <see cref="Rule"/> and/or <see cref="Model"/> (filters, null = any) for an alert; <see cref="Folder"/> and
/// <see cref="Pattern"/> for files; <see cref="Model"/> and <see cref="Alias"/> for an alias. <see cref="Params"/>
/// maps pipeline parameters to templates in which <c>${event.NAME}</c> is replaced by the event's values
/// (<see cref="TriggerEvents.Fields"/>). <see cref="Key"/> identifies the trigger in the scheduler's state: editing a
/// trigger makes it a new one (armed afresh), editing anything else in the file does not.
/// </summary>
public sealed record TriggerDefinition(TriggerKind Kind, string Key, string Description, int Line)
{
    public CronSchedule? Schedule { get; init; }

    public string? Rule { get; init; }

    public string? Model { get; init; }

    public string? Alias { get; init; }

    /// <summary>Absolute folder watched by a files trigger.</summary>
    public string? Folder { get; init; }

    /// <summary>File name pattern (<c>*</c> and <c>?</c>) of a files trigger; default <c>*</c>.</summary>
    public string Pattern { get; init; } = "*";

    public IReadOnlyDictionary<string, string> Params { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
