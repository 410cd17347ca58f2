namespace Gyre.Client.Rest;

/// <summary>How a client talks to a tracking server over HTTP.</summary>
public sealed record RestConnectionOptions
{
    /// <summary>Sent with every request; null = no <c>Authorization</c> header.</summary>
    public TrackingCredentials? Credentials { get; init; }

    /// <summary>
    /// Attempts after the first for a request that may be repeated (see <see cref="RestTrackingStore"/>);
    /// 0 = never retry. Default 4.
    /// </summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The wait before the first retry; each further retry waits twice as long (with jitter), at most 10 s. Default 250 ms.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long one HTTP request (one attempt) may take. Default 100 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);
}
