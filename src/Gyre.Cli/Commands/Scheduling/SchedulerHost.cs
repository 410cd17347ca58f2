using System.Globalization;
using System.Text.Json;
using Gyre.Cli.Output;
using Gyre.Core;
using Gyre.Monitoring.Alerts;
using Gyre.Pipelines.Definitions;
using Gyre.Pipelines.Running;
using Gyre.Pipelines.Scheduling;
using Gyre.Registry;

namespace Gyre.Cli.Commands.Scheduling;

/// <summary>
/// The pipeline scheduler on the workspace, as `gyre scheduler` and `gyre server --pipelines` run it: alert triggers
/// read the workspace's alert events file, alias triggers its registry, runs use the same step executors as
/// `gyre pipeline run` and the same run slots.
/// </summary>
public static class SchedulerHost
{
    /// <summary>How long a new file must be left alone before a files trigger takes it.</summary>
    public static readonly TimeSpan FileSettle = TimeSpan.FromSeconds(2);

    /// <param name="onStep">Hears each step's end in every run the scheduler starts.</param>
    public static PipelineScheduler Create(CliEnvironment environment, Workspace workspace, Action<SchedulerNotice> notices, Action<StepRunResult>? onStep = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(workspace);
        Directory.CreateDirectory(Path.GetDirectoryName(workspace.AlertEvents)!);
        IModelRegistryStore? registry;
        try
        {
            registry = workspace.Registry;
        }
        catch (GyreException error) when (error.Kind == ErrorKind.InvalidState)
        {
            registry = null;
        }

        var polling = new TriggerPolling(new JsonlAlertEventSink(workspace.AlertEvents), registry, FileSettle);
        return new PipelineScheduler(new TriggerLedger(workspace.SchedulerState), workspace.PipelineSlots, polling,
            (pipeline, parameters, tags, ct) => PipelineCommands.Runner(environment, workspace, pipeline).RunAsync(pipeline, parameters, onStep, ct, useCache: true, tags))
        {
            Notices = notices,
        };
    }

    /// <summary>
    /// Reads the pipeline files at <paramref name="paths"/> afresh at each call (<see cref="PipelineFiles"/>); a file that
    /// fails to read or validate is told to <paramref name="notices"/> once per distinct error, not at every tick.
    /// </summary>
    public static Func<CancellationToken, Task<IReadOnlyList<PipelineDefinition>>> Loader(IReadOnlyList<string> paths, Action<SchedulerNotice> notices)
    {
        var told = new HashSet<string>(StringComparer.Ordinal);
        return token => PipelineFiles.LoadAsync(paths, (file, message) =>
        {
            if (told.Add(file + "\n" + message))
            {
                notices(new SchedulerNotice(DateTimeOffset.UtcNow, "error", Path.GetFileName(file), null, null, null, message));
            }
        }, token);
    }

    /// <summary>Writes each notice as a line (or a JSON object per line with <paramref name="json"/>) on <paramref name="writer"/>.</summary>
    public static Action<SchedulerNotice> Printer(TextWriter writer, bool json)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var gate = new object();
        return notice =>
        {
            var line = json
                ? JsonSerializer.Serialize(new
                {
                    at = notice.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                    what = notice.What,
                    pipeline = notice.Pipeline,
                    trigger = notice.Trigger,
                    @event = notice.Event,
                    run_id = notice.RunId,
                    message = notice.Message,
                }, JsonOutput.CompactOptions)
                : $"{notice.At.ToLocalTime():HH:mm:ss} {notice.Pipeline}: {notice.What}" +
                    (notice.Trigger is null ? string.Empty : $" [{notice.Trigger}]") +
                    (notice.Event is null ? string.Empty : $" {notice.Event}") +
                    (notice.RunId is null ? string.Empty : $" (run {notice.RunId})") +
                    (notice.Message is null ? string.Empty : $": {notice.Message}");
            lock (gate)
            {
                writer.WriteLine(line);
                writer.Flush();
            }
        };
    }
}
