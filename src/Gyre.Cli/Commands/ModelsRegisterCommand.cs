using System.CommandLine;
using Gyre.Cli.Output;
using Gyre.Pipelines.Registry;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>`gyre models register NAME --run RUN_ID | --package PATH`: verify a package and record it as the model's next version.</summary>
public static class ModelsRegisterCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "The registered model's name (created when new)." };
        var run = new Option<string?>("--run") { Description = "Register the 'model' artifact of this run (id or unique prefix)." };
        var package = new Option<string?>("--package") { Description = "Register this model package folder (copied into the workspace's registry area)." };
        var alias = new Option<string?>("--alias") { Description = "Point this alias at the new version (default: 'champion' for a new model's first version)." };
        var noAlias = new Option<bool>("--no-alias") { Description = "Set no alias, not even 'champion' on a new model's first version." };
        var description = new Option<string?>("--description") { Description = "The version's description." };
        var reason = ModelsCommands.Reason();
        var json = CommonOptions.Json();
        var command = new Command("register", "Verify a model package (every file against its manifest) and register it as the next version of NAME.")
        {
            name, run, package, alias, noAlias, description, reason, json,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(run) is null) == (result.GetValue(package) is null))
            {
                result.AddError("Give exactly one of --run RUN_ID and --package PATH.");
            }

            if (result.GetValue(noAlias) && result.GetValue(alias) is not null)
            {
                result.AddError("--alias and --no-alias cannot be combined.");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            var workspace = await Workspace.OpenAsync(environment, ct);
            var registration = new ModelRegistration(workspace.Registry, workspace.Tracking, workspace.Artifacts);
            var options = new RegistrationOptions(ModelsCommands.Actor(environment, parse.GetValue(reason)))
            {
                Alias = parse.GetValue(alias),
                NoAlias = parse.GetValue(noAlias),
                Description = parse.GetValue(description),
            };
            var modelName = parse.GetValue(name)!;
            RegistrationResult result;
            if (parse.GetValue(run) is { } runId)
            {
                var found = await RunLookup.GetAsync(workspace.Tracking, runId, ct);
                result = await registration.RegisterRunAsync(modelName, found.Info.RunId, options, ct);
            }
            else
            {
                result = await registration.RegisterPackageAsync(modelName, environment.ResolvePath(parse.GetValue(package)!), options, ct);
            }

            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new
                {
                    created_model = result.CreatedModel,
                    alias = result.Alias,
                    version = ModelVersionView.From(result.Version),
                });
                return ExitCodes.Success;
            }

            var console = Consoles.For(environment.Out, environment.Interactive);
            var v = result.Version;
            console.WriteLine(result.CreatedModel
                ? $"Created registered model '{v.Name}' and registered version {v.Version}."
                : $"Registered version {v.Version} of '{v.Name}'.");
            console.MarkupLine($"source: {Markup.Escape(v.Source)}");
            console.MarkupLine($"package sha-256: {Markup.Escape(v.Package?.Sha256 ?? "-")}");
            if (result.Alias is not null)
            {
                var why = result.CreatedModel && parse.GetValue(alias) is null
                    ? $" (the first version of a new model becomes '{ModelRegistration.DefaultFirstAlias}'; pass --no-alias to skip)"
                    : string.Empty;
                console.WriteLine($"Alias '{result.Alias}' now points to {v.Name}/{v.Version}{why}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
