namespace Gyre.Pipelines.Scheduling;

/// <summary>What starts a pipeline run by itself (the <c>triggers</c> of a pipeline file).</summary>
public enum TriggerKind
{
    /// <summary>A cron schedule came due.</summary>
    Cron,

    /// <summary>A monitoring alert fired (a <c>firing</c> event in the workspace's alert events file).</summary>
    Alert,

    /// <summary>A new data file appeared in a folder (or an existing one was rewritten).</summary>
    Files,

    /// <summary>A registered model's alias moved (a <c>set_alias</c> entry in the registry's audit log).</summary>
    Alias,
}
