namespace Gyre.Tracking.Protocol.Messages;

/// <summary>MLflow's <c>RunInputs</c> message: the datasets a run used.</summary>
public sealed record RunInputsJson
{
    public IReadOnlyList<DatasetInputJson>? DatasetInputs { get; init; }
}
