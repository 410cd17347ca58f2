using System.Globalization;
using Gyre.Core;
using Gyre.Monitoring.Alerts;
using Gyre.Registry;

namespace Gyre.Pipelines.Scheduling;

/// <summary>
/// Finds the events each trigger kind reacts to since its arm: the latest cron time due; firing alerts in the
/// workspace's alert events file (<paramref name="alerts"/>); files in the folder written after the arm and left
/// alone for <paramref name="fileSettle"/> (so a file still being copied is not taken; names starting with '.'
/// are ignored); <c>set_alias</c> entries of the model's audit log newer than the arm (<paramref name="registry"/>).
/// Polling is read-only: whether an event already started a run is the <see cref="TriggerLedger"/>'s business.
/// </summary>
public sealed class TriggerPolling(IAlertEventSink? alerts, IModelRegistryStore? registry, TimeSpan fileSettle)
{
    /// <summary>What an alias trigger has seen at arming: the newest audit sequence of its model (0 for other kinds or no model yet).</summary>
    public async Task<long> AuditSequenceAsync(TriggerDefinition trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (trigger.Kind != TriggerKind.Alias)
        {
            return 0;
        }

        var audit = await AuditAsync(trigger.Model!, cancellationToken);
        return audit.Count == 0 ? 0 : audit.Max(a => a.Sequence);
    }

    /// <summary>The trigger's events after <paramref name="arm"/> up to <paramref name="now"/>, oldest first.</summary>
    public async Task<IReadOnlyList<TriggerEvent>> PollAsync(TriggerDefinition trigger, TriggerArm arm, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(arm);
        return trigger.Kind switch
        {
            TriggerKind.Cron => Cron(trigger, arm, now),
            TriggerKind.Alert => await AlertsAsync(trigger, arm, cancellationToken),
            TriggerKind.Files => Files(trigger, arm, now),
            TriggerKind.Alias => await AliasMovesAsync(trigger, arm, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(trigger)),
        };
    }

    private static TriggerEvent[] Cron(TriggerDefinition trigger, TriggerArm arm, DateTimeOffset now)
    {
        // Only the latest due time: a scheduler that slept through several fires once, not once per missed time.
        var due = trigger.Schedule!.LatestAtOrBefore(now);
        return due is { } at && at > arm.ArmedAt
            ? [new TriggerEvent($"cron:{at.ToUnixTimeSeconds()}", at, $"cron {trigger.Schedule} due at {Iso(at)}", Values(("time", Iso(at))))]
            : [];
    }

    private async Task<IReadOnlyList<TriggerEvent>> AlertsAsync(TriggerDefinition trigger, TriggerArm arm, CancellationToken cancellationToken)
    {
        if (alerts is null)
        {
            throw GyreException.InvalidState("An alert trigger needs the workspace's alert events file, and none was given to the scheduler.");
        }

        var log = await alerts.ReadAsync(arm.ArmedAt, cancellationToken);
        return [.. log.Events
            .Where(e => e.State == AlertEventState.Firing && e.At > arm.ArmedAt && (trigger.Rule is null || e.Rule == trigger.Rule) && (trigger.Model is null || e.Model == trigger.Model))
            .Select(e => new TriggerEvent(
                $"alert:{e.Id}", e.At, $"alert {e.Rule} fired{(e.Model is null ? string.Empty : " on " + e.Model)} ({e.Metric} {e.Value.ToString("G4", CultureInfo.InvariantCulture)} {e.Op} {e.Threshold.ToString("G4", CultureInfo.InvariantCulture)})",
                Values(("id", e.Id), ("rule", e.Rule), ("model", e.Model ?? string.Empty), ("metric", e.Metric), ("value", e.Value.ToString("R", CultureInfo.InvariantCulture)),
                    ("severity", e.Severity.ToString().ToLowerInvariant()), ("started_at", Iso(e.StartedAt)), ("time", Iso(e.At)))))];
    }

    private TriggerEvent[] Files(TriggerDefinition trigger, TriggerArm arm, DateTimeOffset now)
    {
        var folder = new DirectoryInfo(trigger.Folder!);
        if (!folder.Exists)
        {
            return [];
        }

        return [.. folder.EnumerateFiles(trigger.Pattern, new EnumerationOptions { RecurseSubdirectories = false, MatchCasing = MatchCasing.PlatformDefault })
            .Where(f => !f.Name.StartsWith('.') && f.LastWriteTimeUtc > arm.ArmedAt.UtcDateTime && f.LastWriteTimeUtc <= (now - fileSettle).UtcDateTime)
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new TriggerEvent(
                $"file:{f.FullName}:{f.Length}:{f.LastWriteTimeUtc.Ticks}", new DateTimeOffset(f.LastWriteTimeUtc), $"new file {f.FullName} ({f.Length} bytes)",
                Values(("path", f.FullName), ("name", f.Name), ("time", Iso(new DateTimeOffset(f.LastWriteTimeUtc))))))];
    }

    private async Task<IReadOnlyList<TriggerEvent>> AliasMovesAsync(TriggerDefinition trigger, TriggerArm arm, CancellationToken cancellationToken)
    {
        var audit = await AuditAsync(trigger.Model!, cancellationToken);
        return [.. audit
            .Where(a => a.Sequence > arm.AuditSequence && a.Action == AuditActions.SetAlias && a.Alias == trigger.Alias)
            .OrderBy(a => a.Sequence)
            .Select(a =>
            {
                var at = DateTimeOffset.FromUnixTimeMilliseconds(a.Time);
                var version = a.Version?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
                return new TriggerEvent(
                    $"audit:{a.Sequence}", at, $"{a.ModelName}@{a.Alias} moved to version {version} by {a.User}",
                    Values(("model", a.ModelName), ("alias", a.Alias!), ("version", version), ("user", a.User), ("time", Iso(at))));
            })];
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string model, CancellationToken cancellationToken)
    {
        if (registry is null)
        {
            throw GyreException.InvalidState("An alias trigger needs a model registry, and the workspace has none.");
        }

        try
        {
            return await registry.GetAuditLogAsync(model, cancellationToken);
        }
        catch (GyreException error) when (error.Kind == ErrorKind.NotFound)
        {
            return [];
        }
    }

    private static Dictionary<string, string> Values(params (string Key, string Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
