using Gyre.Serving.Models;

namespace Gyre.Serving.Endpoints;

/// <summary>
/// An immutable snapshot of what an endpoint serves. A request reads the endpoint's route once and uses that
/// snapshot to the end, so a swap never changes a request in flight. <see cref="CanaryWeight"/>: 0–1.
/// </summary>
public sealed record EndpointRoute(ServedModel Primary, ServedModel? Canary, double CanaryWeight, ServedModel? Shadow)
{
    /// <summary>The model that answers a request: the canary for a <see cref="CanaryWeight"/> share of calls, else the primary.</summary>
    public ServedModel Choose()
    {
        if (Canary is { } canary && CanaryWeight > 0 && Random.Shared.NextDouble() < CanaryWeight)
        {
            return canary;
        }

        return Primary;
    }

    /// <summary>The answering model whose version is <paramref name="version"/>, or null.</summary>
    public ServedModel? FindVersion(string version)
    {
        if (string.Equals(Primary.VersionText, version, StringComparison.Ordinal))
        {
            return Primary;
        }

        return Canary is { } canary && string.Equals(canary.VersionText, version, StringComparison.Ordinal) ? canary : null;
    }

    /// <summary>Every model in the route (primary, canary, shadow).</summary>
    public IEnumerable<ServedModel> Models()
    {
        yield return Primary;
        if (Canary is not null)
        {
            yield return Canary;
        }

        if (Shadow is not null)
        {
            yield return Shadow;
        }
    }
}
