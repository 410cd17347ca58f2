using Gyre.Client.Rest;

namespace Gyre.Client;

/// <summary>Settings of a <see cref="TrackingClient"/> and the runs it starts.</summary>
public sealed record TrackingClientOptions
{
    /// <summary>
    /// The longest a logged metric, param or tag waits in a run's queue before it is sent (a full batch of
    /// 1000 is sent at once). <see cref="Timeout.InfiniteTimeSpan"/> = only when a batch is full or on flush. Default 1 s.
    /// </summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Entries a run queues before logging calls block until the background sender catches up. Default 100,000.</summary>
    public int QueueCapacity { get; init; } = 100_000;

    /// <summary>HTTP settings for a remote tracking server (credentials, retries, timeout).</summary>
    public RestConnectionOptions Connection { get; init; } = new();

    /// <summary>The folder relative tracking URIs and the default workspace resolve against; null = the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The clock for run start and end times and metric timestamps. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
        if (FlushInterval <= TimeSpan.Zero && FlushInterval != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(FlushInterval), FlushInterval, "The flush interval must be positive or Timeout.InfiniteTimeSpan.");
        }

        ArgumentNullException.ThrowIfNull(Connection, nameof(Connection));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
