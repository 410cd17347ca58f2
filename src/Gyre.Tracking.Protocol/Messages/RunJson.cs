namespace Gyre.Tracking.Protocol.Messages;

/// <summary>MLflow's <c>Run</c> message: info, logged data and (MLflow ≥ 2.4) dataset inputs.</summary>
public sealed record RunJson
{
    public RunInfoJson? Info { get; init; }

    public RunDataJson? Data { get; init; }

    public RunInputsJson? Inputs { get; init; }
}
