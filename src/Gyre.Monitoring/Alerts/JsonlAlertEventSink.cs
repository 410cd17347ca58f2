using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Gyre.Core;

namespace Gyre.Monitoring.Alerts;

/// <summary>
/// An append-only JSON-lines event log: one <see cref="AlertEvent"/> per line (snake_case, UTF-8), the file pipelines watch.
/// <para>
/// Durability: each append is flushed to disk before <see cref="AppendAsync"/> returns. Concurrency: appends from any number of
/// tasks and of sink instances in this process are serialized by a per-path gate; across processes the file is opened
/// exclusively (<see cref="FileShare.None"/>, an advisory lock on Unix) and the open is retried until <see cref="LockTimeout"/>.
/// A line torn by a crash is closed with a newline before the next append, so it never corrupts the following event;
/// <see cref="ReadAsync"/> skips and reports it.
/// </para>
/// </summary>
public sealed class JsonlAlertEventSink : IAlertEventSink
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public JsonlAlertEventSink(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The absolute path of the log file (created with its folder on first append).</summary>
    public string Path { get; }

    /// <summary>How long to keep retrying when another process holds the file; then <see cref="GyreException"/> InvalidState. Default 10 s.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(10);

    private SemaphoreSlim Gate => Gates.GetOrAdd(Path, _ => new SemaphoreSlim(1, 1));

    /// <inheritdoc />
    public async Task AppendAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(alert, AlertJson.Options) + "\n");
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = await OpenAsync(FileMode.OpenOrCreate, FileAccess.ReadWrite, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                if (stream.Length > 0)
                {
                    stream.Seek(-1, SeekOrigin.End);
                    var last = new byte[1];
                    await stream.ReadExactlyAsync(last, cancellationToken).ConfigureAwait(false);
                    if (last[0] != (byte)'\n')
                    {
                        await stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                    }
                }

                stream.Seek(0, SeekOrigin.End);
                await stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<AlertEventLog> ReadAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return new AlertEventLog([], []);
        }

        byte[] bytes;
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = await OpenAsync(FileMode.Open, FileAccess.Read, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                bytes = new byte[stream.Length];
                await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Gate.Release();
        }

        return Parse(bytes, since);
    }

    private static AlertEventLog Parse(byte[] bytes, DateTimeOffset? since)
    {
        var events = new List<AlertEvent>();
        var skipped = new List<SkippedAlertLine>();
        var lines = Encoding.UTF8.GetString(bytes).Split('\n');

        // Split leaves one final segment: empty when the file ends with a newline, else a line whose newline never made it.
        for (var index = 0; index < lines.Length; index++)
        {
            var text = lines[index];
            var isUnterminated = index == lines.Length - 1;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            AlertEvent? alert = null;
            string? problem = null;
            try
            {
                alert = JsonSerializer.Deserialize<AlertEvent>(text, AlertJson.Options);
            }
            catch (JsonException error)
            {
                problem = error.Message;
            }

            if (alert is null || alert.Id is null || alert.Rule is null || alert.Labels is null)
            {
                skipped.Add(new SkippedAlertLine(index + 1, isUnterminated, problem ?? "not an alert event"));
                continue;
            }

            if (since is null || alert.At >= since)
            {
                events.Add(alert);
            }
        }

        return new AlertEventLog(events, skipped);
    }

    private async Task<FileStream> OpenAsync(FileMode mode, FileAccess access, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(2);
        while (true)
        {
            try
            {
                return new FileStream(Path, mode, access, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
            }
            catch (IOException error) when (error is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
            {
                if (clock.Elapsed > LockTimeout)
                {
                    throw GyreException.InvalidState($"Alert event log '{Path}' stayed locked by another process for {LockTimeout.TotalSeconds:0.#} s: {error.Message}");
                }
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(100).Ticks));
        }
    }
}
