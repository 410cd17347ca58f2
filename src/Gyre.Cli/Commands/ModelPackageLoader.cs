using Gyre.Core;
using Gyre.Training.Packaging;

namespace Gyre.Cli.Commands;

/// <summary>Opens the model package a command's --model names: a package folder, or a registered NAME@ALIAS / NAME/VERSION.</summary>
public static class ModelPackageLoader
{
    public static async Task<ModelPackage> LoadAsync(CliEnvironment environment, string model, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var path = environment.ResolvePath(model);
        if (Directory.Exists(path) || !ModelsCommands.TryParseReference(model, out var reference))
        {
            return await ModelPackage.LoadAsync(path, ct);
        }

        var workspace = await Workspace.OpenAsync(environment, ct);
        try
        {
            return (await ModelsCommands.Loader(workspace).LoadAsync(reference!, ct)).Package;
        }
        catch (GyreException error) when (error.Kind == ErrorKind.NotFound)
        {
            throw new GyreException(ErrorKind.NotFound, $"No model package folder '{path}' and no registered model {reference}: {error.Message}", error);
        }
    }
}
