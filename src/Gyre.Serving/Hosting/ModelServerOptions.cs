using Gyre.Core;
using Gyre.Monitoring.InferenceLog;
using Gyre.Serving.Endpoints;
using Gyre.Serving.InferenceLogging;

namespace Gyre.Serving.Hosting;

/// <summary>
/// How <see cref="ModelServer"/> runs. <see cref="Port"/> 0 picks a free port. <see cref="MaxRequestBytes"/>: a
/// larger body is a 413. <see cref="PollInterval"/>: how often aliases are checked for a new version.
/// <see cref="InferenceLog"/>: where sampled predictions go (none when null); <see cref="FeedbackStore"/>: where
/// feedback labels go (the feedback route answers 501 when null).
/// </summary>
public sealed record ModelServerOptions
{
    public const int DefaultMaxRequestBytes = 1 << 20;

    public required IReadOnlyList<EndpointSpec> Endpoints { get; init; }

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 8080;

    public int MaxRequestBytes { get; init; } = DefaultMaxRequestBytes;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long readiness answers 503 before the listener stops (lets load balancers move away).</summary>
    public TimeSpan DrainDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Shadow copies waiting to be scored before new ones are dropped.</summary>
    public int ShadowQueueCapacity { get; init; } = 1024;

    public IInferenceLogSink? InferenceLog { get; init; }

    public IInferenceLogStore? FeedbackStore { get; init; }

    /// <summary>When set, every route but the health probes needs an API token (<c>--auth</c>).</summary>
    public Security.IServingTokenValidator? Auth { get; init; }

    /// <summary>Where load failures, swaps and internal errors are reported (not per request).</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>InvalidInput naming the option at fault.</summary>
    public void Validate()
    {
        if (Endpoints.Count == 0)
        {
            throw GyreException.InvalidInput("Serve at least one model (--model NAME@ALIAS, --package PATH or --config FILE).");
        }

        foreach (var endpoint in Endpoints)
        {
            endpoint.Validate();
        }

        var duplicate = Endpoints.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw GyreException.InvalidInput($"Endpoint '{duplicate.Key}' is given twice; each model name is served once.");
        }

        if (Port is < 0 or > 65535)
        {
            throw GyreException.InvalidInput($"Invalid value for --port: {Port} (0-65535).");
        }

        if (MaxRequestBytes < 64)
        {
            throw GyreException.InvalidInput($"Invalid value for --max-request-bytes: {MaxRequestBytes} (at least 64).");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            throw GyreException.InvalidInput("Invalid value for --poll-interval: it must be positive.");
        }
    }
}
