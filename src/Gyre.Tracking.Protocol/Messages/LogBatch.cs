namespace Gyre.Tracking.Protocol.Messages;

/// <summary>
/// <c>POST runs/log-batch</c>: at most 1000 metrics, 100 params, 100 tags and 1000 entities in all
/// (MLflow's limits); all or nothing.
/// </summary>
public sealed record LogBatchRequest : IRunRequest
{
    public string? RunId { get; init; }

    public string? RunUuid { get; init; }

    public IReadOnlyList<MetricJson>? Metrics { get; init; }

    public IReadOnlyList<ParamJson>? Params { get; init; }

    public IReadOnlyList<TagJson>? Tags { get; init; }
}

/// <summary><c>POST runs/log-inputs</c>: datasets a run used.</summary>
public sealed record LogInputsRequest : IRunRequest
{
    public string? RunId { get; init; }

    public string? RunUuid { get; init; }

    public IReadOnlyList<DatasetInputJson>? Datasets { get; init; }
}
