using System.CommandLine;
using Gyre.Cli.Output;
using Gyre.Core;

namespace Gyre.Cli.Commands;

/// <summary>`gyre models alias NAME ALIAS VERSION`: point an alias at a version, moving it atomically.</summary>
public static class ModelsAliasCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "The registered model." };
        var alias = new Argument<string>("alias") { Description = "The alias, e.g. champion or challenger." };
        var version = new Argument<int>("version") { Description = "The version the alias will name." };
        var reason = ModelsCommands.Reason();
        var json = CommonOptions.Json();
        var command = new Command("alias", "Point ALIAS of model NAME at VERSION (moving it if it named another version); recorded in the audit log.")
        {
            name, alias, version, reason, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var workspace = await Workspace.OpenAsync(environment, ct);
            var modelName = parse.GetValue(name)!;
            var aliasName = parse.GetValue(alias)!;
            var target = parse.GetValue(version);
            int? previous = null;
            try
            {
                previous = (await workspace.Registry.GetModelVersionByAliasAsync(modelName, aliasName, ct)).Version;
            }
            catch (GyreException error) when (error.Kind == ErrorKind.NotFound)
            {
                // A new alias (or an unknown model, which SetAlias reports).
            }

            await workspace.Registry.SetAliasAsync(modelName, aliasName, target, ModelsCommands.Actor(environment, parse.GetValue(reason)), ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new { name = modelName, alias = aliasName, version = target, previous_version = previous });
            }
            else
            {
                await environment.Out.WriteLineAsync(previous is { } p && p != target
                    ? $"Moved alias '{aliasName}' of '{modelName}' from version {p} to version {target}."
                    : $"Alias '{aliasName}' of '{modelName}' points to version {target}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
