using System.Net;
using Gyre.Core;

namespace Gyre.Server;

/// <summary>
/// How to run a <see cref="TrackingServer"/>, named like <c>mlflow server</c>'s options. Immutable value;
/// <see cref="Validate"/> (called by <see cref="TrackingServer.StartAsync"/>) throws InvalidInput naming the
/// command-line option at fault (<c>--backend-store-uri</c>, <c>--artifacts-destination</c>, <c>--host</c>, <c>--port</c>).
/// </summary>
public sealed record TrackingServerOptions
{
    /// <summary>
    /// The tracking database: <c>sqlite:///relative/path.db</c> or <c>sqlite:////absolute/path.db</c> (MLflow's
    /// SQLAlchemy form), or <c>postgresql://user:password@host:port/database</c>. See <see cref="BackendStore"/>.
    /// </summary>
    public required string BackendStoreUri { get; init; }

    /// <summary>Where the artifact proxy keeps files: a local folder (or <c>file://</c> URI) or <c>s3://bucket/prefix</c>.</summary>
    public required string ArtifactsDestination { get; init; }

    /// <summary>The address to listen on: an IP address or a host name (default 127.0.0.1, this machine only).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port (0 = any free port; <see cref="TrackingServer.Address"/> tells which).</summary>
    public int Port { get; init; } = 5000;

    /// <summary>
    /// Whether every route but <c>/health</c> needs an API token (<c>Authorization: Bearer TOKEN</c>, or Basic with
    /// the token as password). Tokens live in the backend database (<c>gyre server token create</c>).
    /// </summary>
    public bool Auth { get; init; }

    /// <summary>How long a token lookup is reused before the database is asked again (so a revocation takes effect within it). Zero = never cache.</summary>
    public TimeSpan TokenCacheDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock of the stores and of defaulted times (a run's start time).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Reads environment variables (S3 endpoint and credentials, see <c>S3ConnectionSettings.FromEnvironment</c>).</summary>
    public Func<string, string?> EnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Where unexpected server errors (answered 500) are written with their stack traces; null = nowhere.</summary>
    public TextWriter? ErrorLog { get; init; }

    /// <summary>
    /// The alert events file (JSON lines, <c>Gyre.Monitoring.Alerts.JsonlAlertEventSink</c>) the web UI's
    /// <c>/api/2.0/gyre/ui/alerts</c> reads; null or a missing file = no alerts. <c>gyre server</c> sets
    /// <c>&lt;home&gt;/events/alerts.jsonl</c>.
    /// </summary>
    public string? AlertEventsPath { get; init; }

    /// <summary>Checks every option; InvalidInput naming the option at fault.</summary>
    public void Validate()
    {
        BackendStore.ParseUri(BackendStoreUri);
        ArtifactDestinations.Validate(ArtifactsDestination);
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw GyreException.InvalidInput("Invalid value for --host: give an IP address or host name, e.g. 127.0.0.1.");
        }

        if (Port is < 0 or > IPEndPoint.MaxPort)
        {
            throw GyreException.InvalidInput($"Invalid value {Port} for --port: it must be between 0 (any free port) and {IPEndPoint.MaxPort}.");
        }

        if (TokenCacheDuration < TimeSpan.Zero)
        {
            throw GyreException.InvalidInput("Invalid token cache duration: it must not be negative.");
        }
    }
}
