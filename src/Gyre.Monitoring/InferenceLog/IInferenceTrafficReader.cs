namespace Gyre.Monitoring.InferenceLog;

/// <summary>
/// Aggregates the inference log's recent traffic per endpoint, model version and variant (for the web UI's
/// deployments page). Implemented by the SQL store beside <see cref="IInferenceLogStore"/>. Thread-safe.
/// </summary>
public interface IInferenceTrafficReader
{
    /// <summary>
    /// One entry per (endpoint, model name, model version, variant) with records at or after
    /// <paramref name="sinceMilliseconds"/> (Unix epoch milliseconds), ordered by endpoint, model, version, variant.
    /// Request counts and last-seen times cover every record of the window; latency percentiles are computed from at
    /// most <see cref="InferenceTraffic.MaxLatencySamples"/> of the window's newest records.
    /// </summary>
    Task<IReadOnlyList<InferenceTraffic>> ReadTrafficAsync(long sinceMilliseconds, CancellationToken cancellationToken);
}
