namespace Gyre.Serving.Endpoints;

/// <summary>
/// A live endpoint: its spec and the current <see cref="EndpointRoute"/>, replaced atomically by
/// <see cref="Publish"/>. Thread-safe: readers take one snapshot per request (<see cref="Route"/>).
/// </summary>
public sealed class ModelEndpoint(EndpointSpec spec)
{
    private EndpointRoute? _route;

    public EndpointSpec Spec { get; } = spec ?? throw new ArgumentNullException(nameof(spec));

    public string Name => Spec.Name;

    /// <summary>Which requests the inference log keeps (by request id, so a request's primary and shadow records go together).</summary>
    public Monitoring.InferenceLog.InferenceSampler LogSampler { get; } = new(spec.LogSampleRate);

    /// <summary>The current snapshot, or null before the endpoint's models are loaded.</summary>
    public EndpointRoute? Route => Volatile.Read(ref _route);

    /// <summary>Makes <paramref name="route"/> the snapshot new requests see; returns the previous one.</summary>
    public EndpointRoute? Publish(EndpointRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return Interlocked.Exchange(ref _route, route);
    }
}
