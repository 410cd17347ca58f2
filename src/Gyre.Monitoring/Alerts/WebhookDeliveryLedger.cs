using System.Text.Json;
using Gyre.Core;

namespace Gyre.Monitoring.Alerts;

/// <summary>
/// Remembers which alert events were delivered to which webhook and when, so that a delivery happens at most once per
/// (webhook, rule, labels, state, started_at), or once per repeat interval for a firing alert, across notifier instances and restarts.
/// <para>
/// A file-backed ledger re-reads its file (merging, latest time wins) before each check and rewrites it atomically
/// (temporary file then move) after each delivery, so notifiers in several processes sharing a file mostly coordinate;
/// two processes delivering the very same event at the very same moment may both send it. Entries older than
/// <see cref="Retention"/> are dropped on write. Thread-safe.
/// </para>
/// </summary>
public sealed class WebhookDeliveryLedger : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, DateTimeOffset> _sent = new(StringComparer.Ordinal);

    private WebhookDeliveryLedger(string? path) => Path = path;

    /// <summary>The backing file, or null for an in-memory ledger.</summary>
    public string? Path { get; }

    /// <summary>How long a delivery is remembered. Default 7 days; must exceed the longest repeat interval in use.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>A ledger that lives only as long as this object.</summary>
    public static WebhookDeliveryLedger InMemory() => new(null);

    /// <summary>A ledger persisted at <paramref name="path"/> (created on first delivery). An unreadable file throws Corrupt.</summary>
    public static async Task<WebhookDeliveryLedger> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var ledger = new WebhookDeliveryLedger(System.IO.Path.GetFullPath(path));
        await ledger.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return ledger;
    }

    /// <summary>When <paramref name="eventId"/> was last delivered to <paramref name="webhook"/>, or null.</summary>
    public async Task<DateTimeOffset?> FindLastDeliveryAsync(string webhook, string eventId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
            return _sent.TryGetValue(Key(webhook, eventId), out var at) ? at : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Records a delivery of <paramref name="eventId"/> to <paramref name="webhook"/> at <paramref name="at"/> and persists it.</summary>
    public async Task RecordAsync(string webhook, string eventId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
            var key = Key(webhook, eventId);
            if (!_sent.TryGetValue(key, out var previous) || previous < at)
            {
                _sent[key] = at;
            }

            foreach (var old in _sent.Where(pair => at - pair.Value > Retention).Select(pair => pair.Key).ToList())
            {
                _sent.Remove(old);
            }

            if (Path is not null)
            {
                var folder = System.IO.Path.GetDirectoryName(Path);
                if (!string.IsNullOrEmpty(folder))
                {
                    Directory.CreateDirectory(folder);
                }

                var temporary = $"{Path}.{Guid.NewGuid():N}.tmp";
                await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(new LedgerFile(1, _sent), AlertJson.Options), cancellationToken)
                    .ConfigureAwait(false);
                File.Move(temporary, Path, overwrite: true);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (Path is null || !File.Exists(Path))
        {
            return;
        }

        LedgerFile? file;
        try
        {
            file = JsonSerializer.Deserialize<LedgerFile>(await File.ReadAllTextAsync(Path, cancellationToken).ConfigureAwait(false), AlertJson.Options);
        }
        catch (JsonException error)
        {
            throw GyreException.Corrupt($"Webhook delivery ledger '{Path}' is unreadable at line {error.LineNumber + 1}: {error.Message}");
        }
        catch (FileNotFoundException)
        {
            return;
        }

        foreach (var (key, at) in file?.Sent ?? new Dictionary<string, DateTimeOffset>())
        {
            if (!_sent.TryGetValue(key, out var known) || known < at)
            {
                _sent[key] = at;
            }
        }
    }

    private static string Key(string webhook, string eventId) => webhook + "/" + eventId;

    private sealed record LedgerFile(int Version, IReadOnlyDictionary<string, DateTimeOffset>? Sent);

    /// <summary>Releases the gate that serializes calls; the instance must not be used afterwards.</summary>
    public void Dispose() => _gate.Dispose();
}
