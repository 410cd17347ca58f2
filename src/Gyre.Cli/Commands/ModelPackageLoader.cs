using Gyre.Core;
using Gyre.Pipelines.Registry;
using Gyre.Training.Packaging;

namespace Gyre.Cli.Commands;

/// <summary>Opens the model package a command's --model names: a package folder, or a registered NAME@ALIAS / NAME/VERSION.</summary>
public static class ModelPackageLoader
{
    /// <summary>A loaded (and verified) package; <see cref="Registered"/> is its registry version when named by reference.</summary>
    public sealed record LoadedModel(ModelPackage Package, LoadedModelVersion? Registered, Workspace? Workspace);

    /// <summary>The package of <paramref name="model"/>; a folder that exists wins over a reference of the same spelling.</summary>
    public static async Task<ModelPackage> LoadAsync(CliEnvironment environment, string model, CancellationToken ct) =>
        (await LoadModelAsync(environment, model, ct)).Package;

    /// <inheritdoc cref="LoadAsync"/>
    public static async Task<LoadedModel> LoadModelAsync(CliEnvironment environment, string model, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var path = environment.ResolvePath(model);
        if (Directory.Exists(path) || !ModelsCommands.TryParseReference(model, out var reference))
        {
            return new LoadedModel(await ModelPackage.LoadAsync(path, ct), null, null);
        }

        var workspace = await Workspace.OpenAsync(environment, ct);
        try
        {
            var loaded = await ModelsCommands.Loader(workspace).LoadAsync(reference!, ct);
            return new LoadedModel(loaded.Package, loaded, workspace);
        }
        catch (GyreException error) when (error.Kind == ErrorKind.NotFound)
        {
            throw new GyreException(ErrorKind.NotFound, $"No model package folder '{path}' and no registered model {reference}: {error.Message}", error);
        }
    }
}
