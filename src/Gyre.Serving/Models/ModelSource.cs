using Gyre.Core;
using Gyre.Pipelines.Registry;
using Gyre.Registry;
using Gyre.Training.Packaging;

namespace Gyre.Serving.Models;

/// <summary>
/// Loads the packages endpoints serve: registered versions through <see cref="RegisteredModelLoader"/> (verified
/// against the checksum recorded at registration) and package folders through <see cref="ModelPackage.LoadAsync"/>
/// (verified against their manifest). Thread-safe as far as the stores are.
/// </summary>
public sealed class ModelSource
{
    private readonly IModelRegistryStore? _registry;
    private readonly RegisteredModelLoader? _loader;

    /// <summary>A source for registry references and packages.</summary>
    public ModelSource(IModelRegistryStore registry, RegisteredModelLoader loader)
    {
        _registry = registry;
        _loader = loader;
    }

    private ModelSource()
    {
    }

    /// <summary>A source that serves package folders only (no registry).</summary>
    public static ModelSource PackagesOnly { get; } = new();

    /// <summary>The version <paramref name="reference"/> names now (an alias is resolved in the registry).</summary>
    /// <exception cref="GyreException">NotFound for an unknown model, alias or version; InvalidState without a registry.</exception>
    public async Task<int> ResolveVersionAsync(ModelReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Version is { } fixedVersion)
        {
            return fixedVersion;
        }

        var registry = _registry ?? throw GyreException.InvalidState($"Cannot serve {reference}: this server has no model registry.");
        var version = await registry.GetModelVersionByAliasAsync(reference.Name, reference.Alias!, cancellationToken);
        return version.Version;
    }

    /// <summary>
    /// Loads and verifies what <paramref name="locator"/> names; for a registry reference, exactly
    /// <paramref name="version"/> of its model (resolve it first with <see cref="ResolveVersionAsync"/>).
    /// </summary>
    /// <exception cref="GyreException">NotFound, Corrupt or InvalidState as the registry loader and package loader throw them.</exception>
    public async Task<LoadedPackage> LoadAsync(ModelLocator locator, int? version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locator);
        if (locator.PackagePath is { } path)
        {
            var folder = File.Exists(path) ? Path.GetDirectoryName(path)! : path;
            return new LoadedPackage(null, null, await ModelPackage.LoadAsync(folder, cancellationToken));
        }

        var reference = locator.Reference!;
        var loader = _loader ?? throw GyreException.InvalidState($"Cannot serve {reference}: this server has no model registry.");
        var exact = new ModelReference(reference.Name, null, version ?? await ResolveVersionAsync(reference, cancellationToken));
        var loaded = await loader.LoadAsync(exact, cancellationToken);
        return new LoadedPackage(loaded.Version.Name, loaded.Version.Version, loaded.Package);
    }
}

/// <summary>A verified package and, for a registered version, its model name and version.</summary>
public sealed record LoadedPackage(string? ModelName, int? Version, ModelPackage Package);
