namespace Gyre.Tracking.Protocol.Messages;

/// <summary>MLflow's <c>RunTag</c> / <c>ExperimentTag</c> / <c>InputTag</c> message: a key and a value.</summary>
public sealed record TagJson
{
    public string? Key { get; init; }

    public string? Value { get; init; }
}
