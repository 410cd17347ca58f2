using Gyre.Tracking;

namespace Gyre.Cli.Output;

/// <summary>A run as `--json` prints it: flat dictionaries, ISO times (UTC), latest metric values.</summary>
public sealed record RunView(
    string RunId,
    string ExperimentId,
    string RunName,
    string Status,
    string User,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    double? DurationSeconds,
    string ArtifactUri,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<DatasetView> Inputs)
{
    public static RunView From(Run run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var info = run.Info;
        return new RunView(
            info.RunId.Value,
            info.ExperimentId.Value,
            info.RunName,
            info.Status.ToString().ToUpperInvariant(),
            info.UserId,
            DateTimeOffset.FromUnixTimeMilliseconds(info.StartTime),
            info.EndTime is { } end ? DateTimeOffset.FromUnixTimeMilliseconds(end) : null,
            info.EndTime is { } e ? (e - info.StartTime) / 1000.0 : null,
            info.ArtifactUri,
            run.Data.Params.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value),
            run.Data.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).ToDictionary(m => m.Key, m => m.Value),
            run.Data.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value),
            [.. run.Inputs.Select(i => new DatasetView(i.Name, i.Digest, i.SourceType, i.Source))]);
    }
}

public sealed record DatasetView(string Name, string Digest, string SourceType, string Source);
