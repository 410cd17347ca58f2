namespace Gyre.Tracking.Protocol.Messages;

/// <summary>MLflow's <c>RunData</c> message; <see cref="Metrics"/> holds each key once, at its latest value.</summary>
public sealed record RunDataJson
{
    public IReadOnlyList<MetricJson>? Metrics { get; init; }

    public IReadOnlyList<ParamJson>? Params { get; init; }

    public IReadOnlyList<TagJson>? Tags { get; init; }
}
