using System.CommandLine;
using Gyre.Monitoring.Reports;

namespace Gyre.Cli.Commands.Monitor;

/// <summary>`gyre monitor status ...`: the same comparison as `report`, printed as a summary table (or JSON).</summary>
public static class MonitorStatusCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var inputs = new MonitorInputOptions();
        var json = CommonOptions.Json();
        var command = new Command("status", "Print a summary of drift, performance and fairness for the current data (same inputs as 'report').");
        inputs.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (parse, ct) =>
        {
            var (request, job) = await MonitorReportCommand.ReadInputsAsync(inputs, parse, environment, ct, "status");
            if (request is null)
            {
                return ExitCodes.Usage;
            }

            var quiet = parse.GetValue(json);
            var report = await MonitorCommands.RunAsync(environment, job!, request, quiet, ct);
            if (quiet)
            {
                await environment.Out.WriteLineAsync(MonitoringReportJson.Serialize(report));
            }
            else
            {
                MonitorStatusView.Write(environment, report);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
