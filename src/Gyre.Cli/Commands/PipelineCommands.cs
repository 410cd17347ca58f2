using System.CommandLine;
using Gyre.Cli.Output;
using Gyre.Pipelines.Definitions;
using Gyre.Pipelines.Running;
using Gyre.Pipelines.Scheduling;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre pipeline run FILE [--param NAME=VALUE]`: runs a pipeline and tracks it (each step a child run).
/// `gyre pipeline validate FILE`: reads a pipeline file and checks it before anything runs (keys, step kinds, inputs,
/// references, dependencies, cycles; every error names the line), then prints its stages: the steps of one stage
/// depend only on earlier stages and may run in parallel.
/// </summary>
public static class PipelineCommands
{
    public static Command Create(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var command = new Command("pipeline", "Work with pipeline files: steps (data.validate, train, tune, evaluate, register, promote, export, deploy, monitor.report, shell) forming a DAG.");
        command.Subcommands.Add(Validate(environment));
        command.Subcommands.Add(Run(environment));
        command.Subcommands.Add(List(environment));
        command.Subcommands.Add(Status(environment));
        command.Subcommands.Add(Resume(environment));
        return command;
    }

    private static Command List(CliEnvironment environment)
    {
        var max = new Option<int>("--max") { Description = "How many runs to show (newest first).", DefaultValueFactory = _ => 20 };
        var json = CommonOptions.Json();
        var command = new Command("list", "The latest pipeline runs, newest first.") { max, json };
        command.SetAction(async (parse, ct) =>
        {
            var workspace = await Workspace.OpenAsync(environment, ct);
            var runs = await PipelineHistory.ListAsync(workspace.Tracking, Math.Max(1, parse.GetValue(max)), ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new { runs = runs.Select(View) });
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("run", "pipeline", "status", "started", "seconds", "started by");
            foreach (var run in runs)
            {
                table.AddRow(run.RunId[..8], Markup.Escape(run.Pipeline), run.Status.ToString().ToUpperInvariant(), Started(run), Seconds(run), Markup.Escape(run.Trigger ?? "hand"));
            }

            Consoles.For(environment.Out, environment.Interactive).Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Status(CliEnvironment environment)
    {
        var runId = new Argument<string>("run") { Description = "A pipeline run id (from `gyre pipeline run` or `list`)." };
        var json = CommonOptions.Json();
        var command = new Command("status", "One pipeline run and its steps: status, attempts, errors.") { runId, json };
        command.SetAction(async (parse, ct) =>
        {
            var workspace = await Workspace.OpenAsync(environment, ct);
            var (run, steps) = await PipelineHistory.StatusAsync(workspace.Tracking, parse.GetValue(runId)!, ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new { run = View(run), steps = steps.Select(View) });
                return ExitCodes.Success;
            }

            var console = Consoles.For(environment.Out, environment.Interactive);
            console.WriteLine($"{run.Pipeline} {run.RunId}: {run.Status.ToString().ToUpperInvariant()} ({Seconds(run)} s){(run.Trigger is null ? string.Empty : $", started by {run.Trigger}")}");
            var table = new Table().AddColumns("step", "kind", "status", "attempts", "seconds", "error");
            foreach (var step in steps)
            {
                table.AddRow(Markup.Escape(step.Step ?? "?"), step.Kind ?? "?", step.Status.ToString().ToUpperInvariant(),
                    step.Attempts?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", Seconds(step), Markup.Escape(step.Error ?? string.Empty));
            }

            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static object View(TrackedPipelineRun run) => new
    {
        run_id = run.RunId,
        pipeline = run.Pipeline,
        step = run.Step,
        kind = run.Kind,
        status = run.Status.ToString().ToUpperInvariant(),
        start_time = DateTimeOffset.FromUnixTimeMilliseconds(run.StartTime),
        seconds = run.EndTime is { } end ? (end - run.StartTime) / 1000.0 : (double?)null,
        attempts = run.Attempts,
        error = run.Error,
        trigger = run.Trigger,
        trigger_event = run.TriggerEvent,
    };

    private static string Started(TrackedPipelineRun run) =>
        DateTimeOffset.FromUnixTimeMilliseconds(run.StartTime).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    private static string Seconds(TrackedPipelineRun run) =>
        run.EndTime is { } end ? ((end - run.StartTime) / 1000.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "-";

    private static Command Run(CliEnvironment environment)
    {
        var file = new Argument<string>("file") { Description = "The pipeline YAML file." };
        var parameters = new Option<string[]>("--param", "-p") { Description = "Override a parameter: NAME=VALUE (repeatable).", AllowMultipleArgumentsPerToken = false };
        var noCache = new Option<bool>("--no-cache") { Description = "Run every step, even an unchanged cached one." };
        var json = CommonOptions.Json();
        var command = new Command("run", "Run a pipeline: stages in order, the steps of a stage in parallel, each step tracked as a child run.") { file, parameters, noCache, json };
        command.SetAction(async (parse, ct) =>
        {
            var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(parameters) ?? [])
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw Gyre.Core.GyreException.InvalidInput($"--param '{pair}': write NAME=VALUE.");
                }

                overrides[pair[..equals]] = pair[(equals + 1)..];
            }

            var pipeline = await PipelineYaml.ReadFileAsync(environment.ResolvePath(parse.GetValue(file)!), ct);
            var workspace = await Workspace.OpenAsync(environment, ct);
            var quiet = parse.GetValue(json);
            using var slot = await AcquireSlotAsync(environment, workspace, pipeline, ct);
            var result = await Runner(environment, workspace, pipeline).RunAsync(pipeline, overrides, StepPrinter(environment, quiet), ct, useCache: !parse.GetValue(noCache));
            await ReportAsync(environment, result, quiet);
            return result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static Command Resume(CliEnvironment environment)
    {
        var runId = new Argument<string>("run") { Description = "The pipeline run to resume (failed, or left running by a killed process)." };
        var json = CommonOptions.Json();
        var command = new Command("resume", "Resume a pipeline run: steps that finished keep their outputs, the others run (same file, same parameters).") { runId, json };
        command.SetAction(async (parse, ct) =>
        {
            var workspace = await Workspace.OpenAsync(environment, ct);
            var (previous, steps) = await PipelineHistory.StatusAsync(workspace.Tracking, parse.GetValue(runId)!, ct);
            var source = previous.SourcePath ?? throw Gyre.Core.GyreException.InvalidState($"Pipeline run {previous.RunId} does not record its file.");
            var pipeline = await PipelineYaml.ReadFileAsync(source, ct);
            var quiet = parse.GetValue(json);
            using var slot = await AcquireSlotAsync(environment, workspace, pipeline, ct);
            var result = await Runner(environment, workspace, pipeline).ResumeAsync(pipeline, previous, steps, StepPrinter(environment, quiet), ct);
            await ReportAsync(environment, result, quiet);
            return result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    /// <summary>One of the pipeline's run slots (its <c>concurrency</c>), waiting for one while all are taken.</summary>
    private static Task<PipelineSlot> AcquireSlotAsync(CliEnvironment environment, Workspace workspace, PipelineDefinition pipeline, CancellationToken ct) =>
        PipelineSlot.AcquireAsync(
            workspace.PipelineSlots, pipeline.Name, pipeline.Concurrency,
            () => environment.Error.WriteLine($"Waiting: {pipeline.Concurrency} run(s) of pipeline '{pipeline.Name}' are in progress (its concurrency); this one starts when one ends."),
            TimeSpan.FromSeconds(1), ct);

    /// <summary>The runner with every step kind Gyre can run so far.</summary>
    internal static PipelineRunner Runner(CliEnvironment environment, Workspace workspace, PipelineDefinition pipeline) => new(
        workspace.Tracking,
        workspace.Artifacts,
        [
            new ShellStepExecutor(),
            new TrainStepExecutor(workspace.Tracking, workspace.Artifacts),
            new RegisterStepExecutor(workspace.Registry, workspace.Tracking, workspace.Artifacts, ModelsCommands.Actor(environment, null)),
            new ExportStepExecutor((model, ct) => ModelPackageLoader.LoadAsync(environment, model, ct)),
            new DataValidateStepExecutor(),
            new TuneStepExecutor(workspace.Tracking, workspace.Artifacts, workspace.Tracking as Gyre.Tuning.IStudyStorage ?? new Gyre.Tuning.InMemoryStudyStorage()),
            new EvaluateStepExecutor((model, ct) => ModelPackageLoader.LoadAsync(environment, model, ct)),
            new PromoteStepExecutor(workspace.Registry, ModelsCommands.Loader(workspace), ModelsCommands.Actor(environment, null)),
            new Gyre.Serving.Deploy.DeployStepExecutor(
                async (model, ct) =>
                {
                    var resolved = await DeployModelResolver.ResolveAsync(environment, model, null, ct);
                    return new Gyre.Serving.Deploy.DeploymentSpec { ModelName = resolved.Name, ModelVersion = resolved.Version, PackagePath = resolved.Package.Path, NeedsOpenMp = resolved.NeedsOpenMp };
                },
                DeployModelResolver.FindSource(environment, null)),
            new MonitorReportStepExecutor(ModelsCommands.Loader(workspace)),
        ]);

    /// <summary>Prints each step's end on standard error (nothing with --json).</summary>
    private static Action<StepRunResult> StepPrinter(CliEnvironment environment, bool quiet)
    {
        var console = Consoles.For(environment.Error, environment.Interactive);
        return step =>
        {
            if (!quiet)
            {
                var reused = step.CachedFrom is null ? string.Empty : $" (outputs of run {step.CachedFrom})";
                console.MarkupLine($"{Markup.Escape(step.StepId)}: {step.Status.ToString().ToLowerInvariant()}{reused}{(step.Error is null ? string.Empty : " - " + Markup.Escape(step.Error))}");
            }
        };
    }

    private static async Task ReportAsync(CliEnvironment environment, PipelineRunResult result, bool json)
    {
        if (json)
        {
            await JsonOutput.WriteAsync(environment.Out, new
            {
                pipeline = result.Pipeline,
                run_id = result.RunId,
                succeeded = result.Succeeded,
                seconds = result.Duration.TotalSeconds,
                steps = result.Steps.Select(s => new
                {
                    id = s.StepId,
                    status = s.Status.ToString().ToLowerInvariant(),
                    attempts = s.Attempts,
                    outputs = s.Outputs,
                    error = s.Error,
                    run_id = s.RunId,
                    cached_from = s.CachedFrom,
                    seconds = s.Duration.TotalSeconds,
                }),
            });
            return;
        }

        Consoles.For(environment.Out, environment.Interactive).WriteLine(
            $"Pipeline {result.Pipeline} {(result.Succeeded ? "succeeded" : "failed")} in {result.Duration.TotalSeconds:0.0} s (run {result.RunId}).");
    }

    private static Command Validate(CliEnvironment environment)
    {
        var file = new Argument<string>("file") { Description = "The pipeline YAML file." };
        var json = CommonOptions.Json();
        var command = new Command("validate", "Check a pipeline file (kinds, inputs, references, dependencies, cycles) and print its stages.") { file, json };
        command.SetAction(async (parse, ct) =>
        {
            var pipeline = await PipelineYaml.ReadFileAsync(environment.ResolvePath(parse.GetValue(file)!), ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new
                {
                    name = pipeline.Name,
                    parameters = pipeline.Parameters.ToDictionary(p => p.Key, p => p.Value.Text),
                    stages = pipeline.Stages,
                    steps = pipeline.Steps.Select(s => new
                    {
                        id = s.Id,
                        kind = s.Kind.Name,
                        depends_on = s.DependsOn,
                        retries = s.Retries,
                        timeout_seconds = s.Timeout?.TotalSeconds,
                        line = s.Line,
                    }),
                });
                return ExitCodes.Success;
            }

            var console = Consoles.For(environment.Out, environment.Interactive);
            console.MarkupLine($"Pipeline [bold]{Markup.Escape(pipeline.Name)}[/]: {pipeline.Steps.Count} step(s) in {pipeline.Stages.Count} stage(s), valid.");
            var table = new Table().AddColumns("stage", "step", "kind", "after");
            for (var i = 0; i < pipeline.Stages.Count; i++)
            {
                foreach (var id in pipeline.Stages[i])
                {
                    var step = pipeline.Step(id);
                    table.AddRow((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(id), step.Kind.Name, Markup.Escape(string.Join(", ", step.DependsOn)));
                }
            }

            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
