using System.CommandLine;
using Gyre.Cli.Commands;
using Gyre.Core;

namespace Gyre.Cli;

/// <summary>The `gyre` command line: builds the command tree and maps outcomes to exit codes in one place.</summary>
public static class GyreCli
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var root = BuildRoot(environment);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await environment.Error.WriteLineAsync($"gyre: {error.Message}");
            }

            await environment.Error.WriteLineAsync("Run 'gyre --help' (or 'gyre COMMAND --help') for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = environment.Out,
                Error = environment.Error,
                EnableDefaultExceptionHandler = false,
            };
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (GyreException ex)
        {
            await environment.Error.WriteLineAsync($"gyre: error: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await environment.Error.WriteLineAsync("gyre: cancelled.");
            return ExitCodes.Failure;
        }
    }

    private static RootCommand BuildRoot(CliEnvironment environment)
    {
        var root = new RootCommand(
            "Gyre: the machine-learning model lifecycle in one tool (data, training, tracking, packages). " +
            "The workspace is ./.gyre, or the folder named by GYRE_HOME.");
        root.Subcommands.Add(DemoCommand.Create(environment));
        root.Subcommands.Add(DataCommands.Create(environment));
        root.Subcommands.Add(TrainCommand.Create(environment));
        root.Subcommands.Add(TuneCommand.Create(environment));
        root.Subcommands.Add(PredictCommand.Create(environment));
        root.Subcommands.Add(ExportCommand.Create(environment));
        root.Subcommands.Add(RunsCommands.Create(environment));
        root.Subcommands.Add(ModelsCommands.Create(environment));
        root.Subcommands.Add(ExperimentsCommands.Create(environment));
        root.Subcommands.Add(ServerCommand.Create(environment));
        root.Subcommands.Add(ServeCommand.Create(environment));
        root.Subcommands.Add(DeployCommand.Create(environment));
        root.Subcommands.Add(Commands.Monitor.MonitorCommands.Create(environment));
        root.Subcommands.Add(StudyCommands.Create(environment));
        root.Subcommands.Add(PipelineCommands.Create(environment));
        root.Subcommands.Add(Commands.Scheduling.SchedulerCommand.Create(environment));
        root.Subcommands.Add(InitCommand.Create(environment));
        return root;
    }
}
