using System.CommandLine;
using Gyre.Cli.Output;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>`gyre models list`: every registered model with its latest version and aliases.</summary>
public static class ModelsListCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List registered models by name, with their latest version and aliases.") { json };
        command.SetAction(async (parse, ct) =>
        {
            var workspace = await Workspace.OpenAsync(environment, ct);
            var models = new List<RegisteredModelView>();
            string? token = null;
            do
            {
                var page = await workspace.Registry.SearchRegisteredModelsAsync(null, 1000, null, token, ct);
                foreach (var model in page.Items)
                {
                    var versions = await ModelsCommands.VersionsAsync(workspace.Registry, model.Name, ct);
                    models.Add(RegisteredModelView.From(model, versions.Count > 0 ? versions[0].Version : null));
                }

                token = page.NextPageToken;
            }
            while (token is not null);

            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new { models });
                return ExitCodes.Success;
            }

            var console = Consoles.For(environment.Out, environment.Interactive);
            if (models.Count == 0)
            {
                console.WriteLine("No registered models yet. Register one with 'gyre models register NAME --run RUN_ID'.");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("name", "latest version", "aliases", "updated (UTC)", "description");
            foreach (var model in models)
            {
                table.AddRow(
                    Markup.Escape(model.Name),
                    model.LatestVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                    Markup.Escape(string.Join(", ", model.Aliases.Select(a => $"{a.Key}→{a.Value}"))),
                    model.LastUpdated,
                    Markup.Escape(model.Description ?? string.Empty));
            }

            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

}
