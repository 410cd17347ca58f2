using System.CommandLine;
using Gyre.Core;
using Gyre.Monitoring.Reports;

namespace Gyre.Cli.Commands.Monitor;

/// <summary>
/// `gyre monitor report (--model M | --reference FILE) (--current FILE | --window D | --last N) [--out report.html] [--json]`:
/// a self-contained HTML report (aggregates only) and/or the report as JSON on standard output. Exit 0, or 1 with
/// --fail-on-drift when the dataset drifted; 2 for a bad command line.
/// </summary>
public static class MonitorReportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var inputs = new MonitorInputOptions();
        var output = new Option<string?>("--out", "-o") { Description = "Write the self-contained HTML report to this file." };
        var failOnDrift = new Option<bool>("--fail-on-drift") { Description = "Exit with code 1 when the dataset drifted (for CI gates and schedulers)." };
        var json = CommonOptions.Json();
        var command = new Command("report", "Compare current data with the reference: per-column drift, prediction and label drift, performance and fairness; write an HTML report and/or JSON.");
        inputs.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(failOnDrift);
        command.Options.Add(json);
        command.SetAction(async (parse, ct) =>
        {
            var quiet = parse.GetValue(json);
            var outPath = parse.GetValue(output) is { } given ? environment.ResolvePath(given) : null;
            if (outPath is null && !quiet)
            {
                return await MonitorCommands.UsageErrorAsync(environment, "report", "Give --out FILE for the HTML report, --json for JSON, or both.");
            }

            var (request, job) = await ReadInputsAsync(inputs, parse, environment, ct);
            if (request is null)
            {
                return ExitCodes.Usage;
            }

            var report = await MonitorCommands.RunAsync(environment, job!, request, quiet, ct);
            if (outPath is not null)
            {
                await HtmlReportWriter.WriteAsync(report, outPath, ct);
            }

            if (quiet)
            {
                await environment.Out.WriteLineAsync(MonitoringReportJson.Serialize(report));
            }
            else
            {
                MonitorStatusView.Write(environment, report);
                await environment.Error.WriteLineAsync($"Report written to {outPath}.");
            }

            return parse.GetValue(failOnDrift) && report.Drift.DatasetDrifted ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reads the shared options; a malformed value is a usage error (printed, request null).</summary>
    internal static async Task<(Pipelines.Monitoring.MonitorRequest? Request, Pipelines.Monitoring.MonitorJob? Job)> ReadInputsAsync(
        MonitorInputOptions inputs, ParseResult parse, CliEnvironment environment, CancellationToken ct, string command = "report")
    {
        try
        {
            return await inputs.ReadAsync(parse, environment, ct);
        }
        catch (GyreException error) when (error.Kind == ErrorKind.InvalidInput)
        {
            await MonitorCommands.UsageErrorAsync(environment, command, error.Message);
            return (null, null);
        }
    }
}
