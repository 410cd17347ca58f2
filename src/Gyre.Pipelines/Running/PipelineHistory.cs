using Gyre.Core;
using Gyre.Tracking;

namespace Gyre.Pipelines.Running;

/// <summary>A tracked pipeline run (the parent run) or step run, as `gyre pipeline list|status` shows it.</summary>
/// <paramref name="Outputs"/>: a step run's outputs (its <c>gyre.output.*</c> tags); <paramref name="Parameters"/>: a
/// pipeline run's parameters (its params); <paramref name="Trigger"/>: what started a pipeline run by itself (the
/// scheduler's event description), null for a run started by hand; <paramref name="TriggerEvent"/>: that event's id.
public sealed record TrackedPipelineRun(
    string RunId, string Pipeline, string? Step, string? Kind, RunStatus Status, long StartTime, long? EndTime, string? Error, double? Attempts,
    IReadOnlyDictionary<string, string> Outputs, IReadOnlyDictionary<string, string> Parameters, string? SourcePath, string? Trigger = null, string? TriggerEvent = null);

/// <summary>Reads pipeline runs back from tracking (the runs <see cref="PipelineRunner"/> writes in its experiment).</summary>
public static class PipelineHistory
{
    /// <summary>The latest pipeline runs (parents only), newest first; empty when no pipeline ever ran.</summary>
    public static async Task<IReadOnlyList<TrackedPipelineRun>> ListAsync(ITrackingStore tracking, int maxResults, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tracking);
        if (await tracking.FindExperimentByNameAsync(PipelineRunner.Experiment, cancellationToken) is not { } experiment)
        {
            return [];
        }

        var page = await tracking.SearchRunsAsync(new RunSearch([experiment.Id]) { OrderBy = ["attributes.start_time DESC"], MaxResults = RunSearch.MaxMaxResults }, cancellationToken);
        return [.. page.Items.Where(r => Tag(r, PipelineRunner.StepTag) is null && Tag(r, PipelineRunner.PipelineTag) is not null).Take(maxResults).Select(View)];
    }

    /// <summary>A pipeline run and its step runs (in start order). NotFound when <paramref name="runId"/> is not a pipeline run.</summary>
    public static async Task<(TrackedPipelineRun Run, IReadOnlyList<TrackedPipelineRun> Steps)> StatusAsync(ITrackingStore tracking, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tracking);
        var run = await tracking.GetRunAsync(new RunId(runId), cancellationToken);
        if (Tag(run, PipelineRunner.PipelineTag) is null || Tag(run, PipelineRunner.StepTag) is not null)
        {
            throw GyreException.NotFound($"Run {runId} is not a pipeline run (see `gyre pipeline list`).");
        }

        var page = await tracking.SearchRunsAsync(new RunSearch([run.Info.ExperimentId])
        {
            Filter = $"tags.`mlflow.parentRunId` = '{runId}'",
            OrderBy = ["attributes.start_time ASC"],
            MaxResults = RunSearch.MaxMaxResults,
        }, cancellationToken);
        return (View(run), [.. page.Items.Select(View)]);
    }

    private static TrackedPipelineRun View(Run run) => new(
        run.Info.RunId.Value,
        Tag(run, PipelineRunner.PipelineTag) ?? "?",
        Tag(run, PipelineRunner.StepTag),
        Tag(run, PipelineRunner.KindTag),
        run.Info.Status,
        run.Info.StartTime,
        run.Info.EndTime,
        Tag(run, "gyre.error"),
        run.Data.Metrics.FirstOrDefault(m => m.Key == "attempts")?.Value,
        run.Data.Tags.Where(t => t.Key.StartsWith(PipelineRunner.OutputTagPrefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Key[PipelineRunner.OutputTagPrefix.Length..], t => t.Value, StringComparer.Ordinal),
        run.Data.Params.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        Tag(run, RunContext.SourceNameTag),
        Tag(run, Scheduling.PipelineScheduler.EventDescriptionTag),
        Tag(run, Scheduling.PipelineScheduler.EventTag));

    private static string? Tag(Run run, string key) => run.Data.Tags.FirstOrDefault(t => t.Key == key)?.Value;
}
