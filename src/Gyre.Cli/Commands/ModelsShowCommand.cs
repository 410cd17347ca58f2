using System.CommandLine;
using Gyre.Cli.Output;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>`gyre models show NAME|NAME@ALIAS|NAME/VERSION`: a model with its versions, or one version in full.</summary>
public static class ModelsShowCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var target = new Argument<string>("model") { Description = "NAME (the model and its versions), or NAME@ALIAS / NAME/VERSION (one version)." };
        var json = CommonOptions.Json();
        var command = new Command("show", "Show a registered model and its versions, or one version: source, run, package checksum, signature, metrics.") { target, json };
        command.SetAction(async (parse, ct) =>
        {
            var workspace = await Workspace.OpenAsync(environment, ct);
            var text = parse.GetValue(target)!;
            var console = Consoles.For(environment.Out, environment.Interactive);
            if (ModelsCommands.TryParseReference(text, out var reference))
            {
                var version = ModelVersionView.From(await reference!.ResolveAsync(workspace.Registry, ct));
                if (parse.GetValue(json))
                {
                    await JsonOutput.WriteAsync(environment.Out, new { version });
                    return ExitCodes.Success;
                }

                var grid = new Grid().AddColumn().AddColumn();
                grid.AddRow("model", Markup.Escape($"{version.Name}/{version.Version}"));
                grid.AddRow("aliases", Markup.Escape(string.Join(", ", version.Aliases)));
                grid.AddRow("stage", version.Stage);
                grid.AddRow("source", Markup.Escape(version.Source));
                grid.AddRow("run", version.RunId ?? "-");
                grid.AddRow("registered", Markup.Escape($"{version.Created} by {version.UserId}"));
                grid.AddRow("description", Markup.Escape(version.Description ?? "-"));
                grid.AddRow("flavor", Markup.Escape(version.Package?.Flavor ?? "-"));
                grid.AddRow("package sha-256", version.Package?.Sha256 ?? "-");
                console.Write(grid);
                if (version.Package is { Metrics.Count: > 0 } package)
                {
                    var metrics = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
                    foreach (var (key, value) in package.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
                    {
                        metrics.AddRow(Markup.Escape(key), Consoles.Metric(value));
                    }

                    console.Write(metrics);
                }

                return ExitCodes.Success;
            }

            var registered = await workspace.Registry.GetRegisteredModelAsync(text, ct);
            var versions = await ModelsCommands.VersionsAsync(workspace.Registry, text, ct);
            var model = RegisteredModelView.From(registered, versions.Count > 0 ? versions[0].Version : null);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new { model, versions = versions.Select(ModelVersionView.From) });
                return ExitCodes.Success;
            }

            console.MarkupLine($"[bold]{Markup.Escape(model.Name)}[/]  {Markup.Escape(model.Description ?? string.Empty)}");
            var table = new Table().AddColumns("version", "aliases", "stage", "registered (UTC)", "user", "source");
            foreach (var v in versions)
            {
                table.AddRow(
                    v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join(", ", v.Aliases)),
                    v.Stage,
                    ModelViews.Time(v.CreationTime),
                    Markup.Escape(v.UserId),
                    Markup.Escape(v.Source));
            }

            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
