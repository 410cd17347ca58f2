using System.CommandLine;
using Gyre.Cli.Output;

namespace Gyre.Cli.Commands;

/// <summary>`gyre models delete NAME [--version N]`: delete a version, or the model with all its versions (the audit log stays).</summary>
public static class ModelsDeleteCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "The registered model." };
        var version = new Option<int?>("--version") { Description = "Delete only this version (and the aliases naming it)." };
        var reason = ModelsCommands.Reason();
        var json = CommonOptions.Json();
        var command = new Command("delete", "Delete a model version, or a registered model with all its versions and aliases. Package files are kept; the audit log keeps the history.")
        {
            name, version, reason, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var workspace = await Workspace.OpenAsync(environment, ct);
            var modelName = parse.GetValue(name)!;
            var actor = ModelsCommands.Actor(environment, parse.GetValue(reason));
            var only = parse.GetValue(version);
            if (only is { } v)
            {
                await workspace.Registry.DeleteModelVersionAsync(modelName, v, actor, ct);
            }
            else
            {
                await workspace.Registry.DeleteRegisteredModelAsync(modelName, actor, ct);
            }

            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new { deleted = new { name = modelName, version = only } });
            }
            else
            {
                await environment.Out.WriteLineAsync(only is { } deleted
                    ? $"Deleted version {deleted} of '{modelName}'."
                    : $"Deleted registered model '{modelName}' with all its versions.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
