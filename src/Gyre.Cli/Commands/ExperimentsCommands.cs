using System.CommandLine;
using System.Globalization;
using Gyre.Cli.Output;
using Gyre.Tracking;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>`gyre experiments list`.</summary>
public static class ExperimentsCommands
{
    public static Command Create(CliEnvironment environment)
    {
        var all = new Option<bool>("--all") { Description = "Include deleted experiments." };
        var json = CommonOptions.Json();
        var list = new Command("list", "List experiments, newest first, with their run counts.") { all, json };
        list.SetAction(async (parse, ct) =>
        {
            var workspace = await Workspace.OpenAsync(environment, ct);
            var experiments = await RunLookup.AllExperimentsAsync(workspace.Tracking, parse.GetValue(all) ? ViewType.All : ViewType.ActiveOnly, ct);

            var counts = new Dictionary<string, int>();
            await foreach (var run in RunLookup.AllRunsAsync(workspace.Tracking, ViewType.ActiveOnly, ct))
            {
                counts[run.Info.ExperimentId.Value] = counts.GetValueOrDefault(run.Info.ExperimentId.Value) + 1;
            }

            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new
                {
                    experiments = experiments.Select(e => new
                    {
                        experiment_id = e.Id.Value,
                        name = e.Name,
                        lifecycle_stage = e.LifecycleStage.ToString().ToLowerInvariant(),
                        artifact_location = e.ArtifactLocation,
                        creation_time = DateTimeOffset.FromUnixTimeMilliseconds(e.CreationTime),
                        runs = counts.GetValueOrDefault(e.Id.Value),
                    }),
                });
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("id", "name", "runs", "created (UTC)", "stage");
            foreach (var e in experiments)
            {
                table.AddRow(
                    e.Id.Value,
                    Markup.Escape(e.Name),
                    counts.GetValueOrDefault(e.Id.Value).ToString(CultureInfo.InvariantCulture),
                    DateTimeOffset.FromUnixTimeMilliseconds(e.CreationTime).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    e.LifecycleStage.ToString().ToLowerInvariant());
            }

            Consoles.For(environment.Out, environment.Interactive).Write(table);
            return ExitCodes.Success;
        });
        var command = new Command("experiments", "Experiments group runs.");
        command.Subcommands.Add(list);
        return command;
    }
}
