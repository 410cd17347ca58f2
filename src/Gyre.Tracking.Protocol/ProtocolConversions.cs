using Gyre.Core;
using Gyre.Tracking.Protocol.Messages;

namespace Gyre.Tracking.Protocol;

/// <summary>
/// Conversions between tracking entities and their MLflow messages. Entity → message is total.
/// Message → entity checks the fields MLflow requires in requests and throws InvalidInput naming the
/// field (<paramref name="field"/> prefixes the names, e.g. <c>metrics[3]</c>); optional fields take
/// MLflow's defaults. Thread-safe (stateless).
/// </summary>
public static class ProtocolConversions
{
    public static ExperimentJson ToJson(this Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return new ExperimentJson
        {
            ExperimentId = experiment.Id.Value,
            Name = experiment.Name,
            ArtifactLocation = experiment.ArtifactLocation,
            LifecycleStage = StageName(experiment.LifecycleStage),
            LastUpdateTime = experiment.LastUpdateTime,
            CreationTime = experiment.CreationTime,
            Tags = [.. experiment.Tags.Select(ToJson)],
        };
    }

    public static RunInfoJson ToJson(this RunInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new RunInfoJson
        {
            RunId = info.RunId.Value,
            RunUuid = info.RunId.Value,
            RunName = info.RunName,
            ExperimentId = info.ExperimentId.Value,
            UserId = info.UserId,
            Status = info.Status,
            StartTime = info.StartTime,
            EndTime = info.EndTime,
            ArtifactUri = info.ArtifactUri,
            LifecycleStage = StageName(info.LifecycleStage),
        };
    }

    /// <summary>The run message; <c>inputs</c> is present only when the run has dataset inputs.</summary>
    public static RunJson ToJson(this Run run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunJson
        {
            Info = run.Info.ToJson(),
            Data = new RunDataJson
            {
                Metrics = [.. run.Data.Metrics.Select(ToJson)],
                Params = [.. run.Data.Params.Select(ToJson)],
                Tags = [.. run.Data.Tags.Select(ToJson)],
            },
            Inputs = run.Inputs.Count == 0 ? null : new RunInputsJson { DatasetInputs = [.. run.Inputs.Select(ToJson)] },
        };
    }

    public static MetricJson ToJson(this Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return new MetricJson { Key = metric.Key, Value = metric.Value, Timestamp = metric.Timestamp, Step = metric.Step };
    }

    public static ParamJson ToJson(this Param param)
    {
        ArgumentNullException.ThrowIfNull(param);
        return new ParamJson { Key = param.Key, Value = param.Value };
    }

    public static TagJson ToJson(this Tag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return new TagJson { Key = tag.Key, Value = tag.Value };
    }

    public static DatasetInputJson ToJson(this DatasetInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new DatasetInputJson
        {
            Tags = input.Tags is null ? null : [.. input.Tags.Select(ToJson)],
            Dataset = new DatasetJson
            {
                Name = input.Name,
                Digest = input.Digest,
                SourceType = input.SourceType,
                Source = input.Source,
                Schema = input.Schema,
                Profile = input.Profile,
            },
        };
    }

    /// <summary>A file listing entry with <paramref name="path"/> as its path (the caller decides relative to what).</summary>
    public static FileInfoJson ToJson(this ArtifactInfo artifact, string path)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return new FileInfoJson { Path = path, IsDir = artifact.IsDirectory, FileSize = artifact.IsDirectory ? null : artifact.FileSize };
    }

    /// <summary>A metric point; key, value and timestamp are required, step defaults to 0.</summary>
    public static Metric ToMetric(this MetricJson metric, string field = "")
    {
        ArgumentNullException.ThrowIfNull(metric);
        return new Metric(
            RequiredParameters.NonEmpty(metric.Key, Name(field, "key")),
            RequiredParameters.Value(metric.Value, Name(field, "value")),
            RequiredParameters.Value(metric.Timestamp, Name(field, "timestamp")),
            metric.Step ?? 0);
    }

    /// <summary>A param; key is required, an absent value is "" (protobuf's default).</summary>
    public static Param ToParam(this ParamJson param, string field = "")
    {
        ArgumentNullException.ThrowIfNull(param);
        return new Param(RequiredParameters.NonEmpty(param.Key, Name(field, "key")), param.Value ?? "");
    }

    /// <summary>A tag; key is required, an absent value is "" (protobuf's default).</summary>
    public static Tag ToTag(this TagJson tag, string field = "")
    {
        ArgumentNullException.ThrowIfNull(tag);
        return new Tag(RequiredParameters.NonEmpty(tag.Key, Name(field, "key")), tag.Value ?? "");
    }

    /// <summary>A dataset input; the dataset's name, digest, source type and source are required.</summary>
    public static DatasetInput ToDatasetInput(this DatasetInputJson input, string field = "")
    {
        ArgumentNullException.ThrowIfNull(input);
        var dataset = input.Dataset ?? throw RequiredParameters.Missing(Name(field, "dataset"));
        var datasetField = Name(field, "dataset");
        return new DatasetInput(
            RequiredParameters.NonEmpty(dataset.Name, Name(datasetField, "name")),
            RequiredParameters.NonEmpty(dataset.Digest, Name(datasetField, "digest")),
            RequiredParameters.NonEmpty(dataset.SourceType, Name(datasetField, "source_type")),
            RequiredParameters.NonEmpty(dataset.Source, Name(datasetField, "source")),
            dataset.Schema,
            dataset.Profile,
            input.Tags is null ? null : [.. input.Tags.Select((t, i) => t.ToTag(Name(field, $"tags[{i}]")))]);
    }

    /// <summary>The experiment a server answered (absent fields take empty defaults).</summary>
    public static Experiment ToExperiment(this ExperimentJson experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return new Experiment(
            new ExperimentId(experiment.ExperimentId ?? ""),
            experiment.Name ?? "",
            experiment.ArtifactLocation ?? "",
            ParseStage(experiment.LifecycleStage),
            experiment.CreationTime ?? 0,
            experiment.LastUpdateTime ?? 0,
            [.. (experiment.Tags ?? []).Select(t => new Tag(t.Key ?? "", t.Value ?? ""))]);
    }

    /// <summary>The run info a server answered (<c>run_uuid</c> stands in for an absent <c>run_id</c>).</summary>
    public static RunInfo ToRunInfo(this RunInfoJson info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new RunInfo(
            new RunId(info.RunId ?? info.RunUuid ?? ""),
            new ExperimentId(info.ExperimentId ?? ""),
            info.RunName ?? "",
            info.UserId ?? "",
            info.Status ?? RunStatus.Running,
            info.StartTime ?? 0,
            info.EndTime,
            info.ArtifactUri ?? "",
            ParseStage(info.LifecycleStage));
    }

    /// <summary>The run a server answered.</summary>
    public static Run ToRun(this RunJson run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var data = run.Data ?? new RunDataJson();
        return new Run(
            (run.Info ?? new RunInfoJson()).ToRunInfo(),
            new RunData(
                [.. (data.Metrics ?? []).Select((m, i) => m.ToMetric($"metrics[{i}]"))],
                [.. (data.Params ?? []).Select(p => new Param(p.Key ?? "", p.Value ?? ""))],
                [.. (data.Tags ?? []).Select(t => new Tag(t.Key ?? "", t.Value ?? ""))]),
            [.. (run.Inputs?.DatasetInputs ?? []).Select((d, i) => d.ToDatasetInput($"dataset_inputs[{i}]"))]);
    }

    /// <summary>A listing entry a server answered.</summary>
    public static ArtifactInfo ToArtifactInfo(this FileInfoJson file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new ArtifactInfo(file.Path ?? "", file.IsDir ?? false, file.FileSize);
    }

    /// <summary>MLflow's lifecycle stage text: <c>"active"</c> or <c>"deleted"</c>.</summary>
    public static string StageName(LifecycleStage stage) => stage == LifecycleStage.Deleted ? "deleted" : "active";

    private static LifecycleStage ParseStage(string? stage) =>
        string.Equals(stage, "deleted", StringComparison.OrdinalIgnoreCase) ? LifecycleStage.Deleted : LifecycleStage.Active;

    private static string Name(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";
}
