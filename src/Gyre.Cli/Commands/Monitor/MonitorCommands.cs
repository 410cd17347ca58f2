using System.CommandLine;
using Gyre.Cli.Output;
using Gyre.Monitoring.Reports;
using Gyre.Pipelines.Monitoring;

namespace Gyre.Cli.Commands.Monitor;

/// <summary>`gyre monitor`: drift, performance and fairness of a model's data (report, status, watch).</summary>
public static class MonitorCommands
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("monitor", "Monitor a model: data drift against its training data, prediction and label drift, performance from delayed labels, fairness, alerts.");
        command.Subcommands.Add(MonitorReportCommand.Create(environment));
        command.Subcommands.Add(MonitorStatusCommand.Create(environment));
        command.Subcommands.Add(MonitorWatchCommand.Create(environment));
        command.Subcommands.Add(MonitorProfileCommand.Create(environment));
        return command;
    }

    /// <summary>Runs the job with progress on standard error (none with --json).</summary>
    public static Task<MonitoringReport> RunAsync(CliEnvironment environment, MonitorJob job, MonitorRequest request, bool quiet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var stages = new[] { "loading the model", "reading the reference", "reading the current data", "testing drift", "computing performance" };
        return ProgressDisplay.RunAsync(environment, quiet, "Monitoring", progress => job.RunAsync(
            request,
            new SynchronousProgress<string>(stage => progress.Report(new ProgressStep(stage, (Array.IndexOf(stages, stage) + 1.0) / (stages.Length + 1)))),
            cancellationToken));
    }

    /// <summary>Prints a usage error and returns exit code 2.</summary>
    public static async Task<int> UsageErrorAsync(CliEnvironment environment, string command, string message)
    {
        ArgumentNullException.ThrowIfNull(environment);
        await environment.Error.WriteLineAsync($"gyre: {message}");
        await environment.Error.WriteLineAsync($"Run 'gyre monitor {command} --help' for usage.");
        return ExitCodes.Usage;
    }

    /// <summary>Reports on the caller's thread (System.Progress posts to the thread pool and may reorder).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
