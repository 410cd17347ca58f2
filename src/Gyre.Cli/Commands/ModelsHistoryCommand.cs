using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Cli.Output;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>`gyre models history NAME`: the model's append-only audit log, oldest first.</summary>
public static class ModelsHistoryCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "The registered model (also a deleted or former name)." };
        var json = CommonOptions.Json();
        var command = new Command("history", "Show the model's audit log: every registration, alias move, promotion and deletion, with who, when and why.") { name, json };
        command.SetAction(async (parse, ct) =>
        {
            var workspace = await Workspace.OpenAsync(environment, ct);
            var entries = await workspace.Registry.GetAuditLogAsync(parse.GetValue(name)!, ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new
                {
                    entries = entries.Select(e => new
                    {
                        sequence = e.Sequence,
                        time = ModelViews.Time(e.Time),
                        user = e.User,
                        action = e.Action,
                        model = e.ModelName,
                        version = e.Version,
                        alias = e.Alias,
                        reason = e.Reason,
                        details = e.DetailsJson is null ? null : JsonNode.Parse(e.DetailsJson),
                    }),
                });
                return ExitCodes.Success;
            }

            var console = Consoles.For(environment.Out, environment.Interactive);
            if (entries.Count == 0)
            {
                console.WriteLine($"No history for '{parse.GetValue(name)}'.");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("time (UTC)", "user", "action", "version", "alias", "reason");
            foreach (var e in entries)
            {
                table.AddRow(
                    ModelViews.Time(e.Time),
                    Markup.Escape(e.User),
                    Markup.Escape(e.Action),
                    e.Version?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    Markup.Escape(e.Alias ?? "-"),
                    Markup.Escape(e.Reason ?? string.Empty));
            }

            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
