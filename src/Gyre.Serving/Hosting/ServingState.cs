using System.Collections.Frozen;
using Gyre.Serving.Endpoints;

namespace Gyre.Serving.Hosting;

/// <summary>
/// What every request reads first: the endpoints by name (fixed at start) and whether the server is ready (every
/// model loaded and warmed, and not draining). Thread-safe.
/// </summary>
public sealed class ServingState(IReadOnlyList<ModelEndpoint> endpoints)
{
    private volatile bool _ready;

    public FrozenDictionary<string, ModelEndpoint> Endpoints { get; } = endpoints.ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>The endpoints in the order they were given (the first answers <c>/invocations</c>).</summary>
    public IReadOnlyList<ModelEndpoint> Ordered { get; } = endpoints;

    public bool IsReady => _ready;

    public void SetReady(bool ready) => _ready = ready;

    public ModelEndpoint? Find(string? name) => name is not null && Endpoints.TryGetValue(name, out var endpoint) ? endpoint : null;
}
