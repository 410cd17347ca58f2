namespace Gyre.Tracking.Protocol.Messages;

/// <summary>MLflow's <c>DatasetInput</c> message: a dataset and the tags of its use (e.g. <c>mlflow.data.context</c>).</summary>
public sealed record DatasetInputJson
{
    public IReadOnlyList<TagJson>? Tags { get; init; }

    public DatasetJson? Dataset { get; init; }
}
