namespace Gyre.Tracking.Protocol.Messages;

/// <summary>MLflow's <c>Param</c> message.</summary>
public sealed record ParamJson
{
    public string? Key { get; init; }

    public string? Value { get; init; }
}
