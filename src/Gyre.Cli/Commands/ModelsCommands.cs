using System.CommandLine;
using Gyre.Core;
using Gyre.Pipelines.Registry;
using Gyre.Registry;

namespace Gyre.Cli.Commands;

/// <summary>`gyre models`: the model registry (register, alias, list, show, diff, delete, history, lineage, promote).</summary>
public static class ModelsCommands
{
    /// <summary>The variable naming who makes registry changes (default: the OS user name).</summary>
    public const string UserVariable = "GYRE_USER";

    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("models", "The model registry: versions of named models, aliases such as champion, and an audit log. Models are addressed as NAME@ALIAS or NAME/VERSION.");
        command.Subcommands.Add(ModelsRegisterCommand.Create(environment));
        command.Subcommands.Add(ModelsAliasCommand.Create(environment));
        command.Subcommands.Add(ModelsListCommand.Create(environment));
        command.Subcommands.Add(ModelsShowCommand.Create(environment));
        command.Subcommands.Add(ModelsDiffCommand.Create(environment));
        command.Subcommands.Add(ModelsDeleteCommand.Create(environment));
        command.Subcommands.Add(ModelsHistoryCommand.Create(environment));
        command.Subcommands.Add(ModelsLineageCommand.Create(environment));
        command.Subcommands.Add(ModelsPromoteCommand.Create(environment));
        return command;
    }

    /// <summary>The `--reason` option recorded in the audit log.</summary>
    public static Option<string?> Reason() => new("--reason") { Description = "Why: recorded with the change in the audit log." };

    /// <summary>Who acts: GYRE_USER, else the OS user name.</summary>
    public static RegistryActor Actor(CliEnvironment environment, string? reason)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new RegistryActor(environment.Variable(UserVariable) ?? Environment.UserName, reason);
    }

    /// <summary>A loader over the workspace's stores.</summary>
    public static RegisteredModelLoader Loader(Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return new RegisteredModelLoader(workspace.Registry, workspace.Tracking, workspace.Artifacts, workspace.PackageCache);
    }

    /// <summary>Every version of <paramref name="name"/>, newest first; NotFound when the model does not exist.</summary>
    public static async Task<List<ModelVersion>> VersionsAsync(IModelRegistryStore registry, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        await registry.GetRegisteredModelAsync(name, cancellationToken);
        var versions = new List<ModelVersion>();
        string? token = null;
        do
        {
            var page = await registry.SearchModelVersionsAsync($"name = '{name.Replace("'", "\\'", StringComparison.Ordinal)}'", 1000, null, token, cancellationToken);
            versions.AddRange(page.Items.Where(v => v.Name == name));
            token = page.NextPageToken;
        }
        while (token is not null);

        return [.. versions.OrderByDescending(v => v.Version)];
    }

    /// <summary>Whether <paramref name="text"/> is a version reference (NAME@ALIAS or NAME/VERSION) rather than a bare name.</summary>
    public static bool TryParseReference(string text, out ModelReference? reference)
    {
        try
        {
            reference = ModelReference.Parse(text);
            return true;
        }
        catch (GyreException error) when (error.Kind == ErrorKind.InvalidInput)
        {
            reference = null;
            return false;
        }
    }
}
