using System.CommandLine;
using Gyre.Cli.Commands.Monitor;
using Gyre.Core;
using Gyre.Pipelines.Scheduling;

namespace Gyre.Cli.Commands.Scheduling;

/// <summary>
/// `gyre scheduler PATH... [--interval 5s] [--once] [--json]`: watches the triggers of pipeline files (a file, or a
/// folder whose YAML files with a top-level <c>triggers:</c> key are pipelines) and runs each pipeline when one
/// fires: cron schedules, monitoring alerts, new files in a folder, registry alias moves. Files are re-read every
/// tick. Each event starts at most one run, even with several schedulers on one workspace; each pipeline runs at
/// most <c>concurrency</c> times at once (later events wait). Stops with Ctrl+C (running pipelines are cancelled
/// and can be resumed with `gyre pipeline resume`).
/// </summary>
public static class SchedulerCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var paths = new Argument<string[]>("paths") { Description = "Pipeline files, or folders of them (YAML files with a top-level 'triggers:').", Arity = ArgumentArity.OneOrMore };
        var interval = new Option<string>("--interval") { Description = "How often triggers are polled (e.g. 5s, 1m).", DefaultValueFactory = _ => "5s" };
        var once = new Option<bool>("--once") { Description = "Poll once, wait for the runs it started, and exit (1 if one failed)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per line for each scheduler event (armed, waiting, started, finished, failed, error)." };
        var command = new Command("scheduler", "Run pipelines on their triggers: cron schedules, monitoring alerts, new files in a folder, model alias moves.") { paths, interval, once, json };
        command.SetAction(async (parse, ct) =>
        {
            TimeSpan every;
            try
            {
                every = Durations.Parse(parse.GetValue(interval)!, "--interval");
            }
            catch (GyreException error) when (error.Kind == ErrorKind.InvalidInput)
            {
                await environment.Error.WriteLineAsync($"gyre scheduler: {error.Message}");
                return ExitCodes.Usage;
            }

            var files = parse.GetValue(paths)!.Select(environment.ResolvePath).ToList();
            var quiet = parse.GetValue(json);
            var print = SchedulerHost.Printer(environment.Out, quiet);
            var failed = 0;
            var workspace = await Workspace.OpenAsync(environment, ct);
            await using var scheduler = SchedulerHost.Create(environment, workspace, notice =>
            {
                if (notice.What == "failed")
                {
                    Interlocked.Increment(ref failed);
                }

                print(notice);
            });
            var load = SchedulerHost.Loader(files, print);

            var pipelines = await load(ct);
            if (!quiet)
            {
                await environment.Error.WriteLineAsync(
                    $"Watching {pipelines.Sum(p => p.Triggers.Count)} trigger(s) of {pipelines.Count} pipeline(s) every {parse.GetValue(interval)}; Ctrl+C stops.");
            }

            if (parse.GetValue(once))
            {
                await scheduler.TickAsync(pipelines, ct);
                await scheduler.WhenIdleAsync();
                return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
            }

            try
            {
                await scheduler.RunAsync(load, every, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM: disposing the scheduler cancels running pipelines.
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
