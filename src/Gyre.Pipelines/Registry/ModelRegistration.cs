using Gyre.Core;
using Gyre.Pipelines.Jobs;
using Gyre.Registry;
using Gyre.Tracking;
using Gyre.Tracking.Artifacts;

namespace Gyre.Pipelines.Registry;

/// <summary>
/// Registers model packages as versions of registered models. The package is loaded and verified first (a
/// missing or modified file is refused, naming it); an imported package is copied into the artifact store's
/// registry area before anything is recorded; then one store call creates the version (and, for a new name,
/// the registered model just before). So a process killed at any point leaves no version or a complete one:
/// files come before the row, and leftover files are harmless. Thread-safe as far as the stores are.
/// </summary>
public sealed class ModelRegistration(IModelRegistryStore registry, ITrackingStore tracking, IArtifactStore artifacts)
{
    /// <summary>The alias the first version of a new registered model gets unless told otherwise.</summary>
    public const string DefaultFirstAlias = "champion";

    private readonly PackageLocations _locations = new(tracking, artifacts);

    /// <summary>Registers the <c>model</c> artifact of run <paramref name="runId"/> under <paramref name="name"/>.</summary>
    /// <exception cref="GyreException">NotFound for an unknown run or a run without a model; Corrupt when its package fails verification; the store's errors.</exception>
    public async Task<RegistrationResult> RegisterRunAsync(string name, RunId runId, RegistrationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckAlias(options.Alias);
        var run = await tracking.GetRunAsync(runId, cancellationToken);
        var source = PackageLocations.RunSource(run.Info.RunId);
        string folder;
        try
        {
            folder = await artifacts.GetLocalPathAsync(run.Info.ExperimentId, run.Info.RunId, TrainingJob.ModelArtifactPath, cancellationToken);
        }
        catch (GyreException error) when (error.Kind == ErrorKind.NotFound)
        {
            throw new GyreException(ErrorKind.NotFound, $"Run {run.Info.RunId} has no '{TrainingJob.ModelArtifactPath}' artifact to register.", error);
        }

        // Registration is where the package's checksum is established, so it reads the run's artifact itself (never
        // a cached copy); a remote store's download is a temp folder this method owns, deleted once the facts are read.
        PackageFacts facts;
        try
        {
            facts = (await PackageFactsReader.LoadAsync(folder, cancellationToken)).Facts;
        }
        finally
        {
            if (artifacts is ArtifactStore { Repository: not ILocalArtifactRepository } && Path.GetDirectoryName(folder) is { } download
                && Path.GetFullPath(download).StartsWith(Path.GetFullPath(Path.GetTempPath()), StringComparison.Ordinal) && Directory.Exists(download))
            {
                Directory.Delete(download, recursive: true);
            }
        }

        return await CreateVersionAsync(name, source, run.Info.RunId, facts, options, cancellationToken);
    }

    /// <summary>
    /// Registers the package folder at <paramref name="packagePath"/> (or the folder holding the manifest.json
    /// file given) under <paramref name="name"/>, after copying it into the artifact store's registry area.
    /// </summary>
    /// <exception cref="GyreException">NotFound for an absent path; Corrupt when the package fails verification; the store's errors.</exception>
    public async Task<RegistrationResult> RegisterPackageAsync(string name, string packagePath, RegistrationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckAlias(options.Alias);
        var folder = Path.GetFullPath(packagePath);
        if (File.Exists(folder))
        {
            folder = Path.GetDirectoryName(folder)!;
        }

        var verified = await PackageFactsReader.LoadAsync(folder, cancellationToken);
        var source = await _locations.ImportAsync(verified.Package.Path, verified.Facts.Sha256, cancellationToken);
        return await CreateVersionAsync(name, source, null, verified.Facts, options, cancellationToken);
    }

    /// <summary>Refuses an alias the store would refuse, before anything is written (MLflow reserves latest and v&lt;digits&gt;).</summary>
    private static void CheckAlias(string? alias)
    {
        if (alias is null)
        {
            return;
        }

        if (alias.Length == 0 || alias.Equals("latest", StringComparison.OrdinalIgnoreCase)
            || (alias.Length > 1 && (alias[0] is 'v' or 'V') && alias.Skip(1).All(char.IsAsciiDigit)))
        {
            throw GyreException.InvalidInput($"Alias '{alias}' is reserved or empty: 'latest' and 'v<digits>' name versions already.");
        }
    }

    private async Task<RegistrationResult> CreateVersionAsync(string name, string source, RunId? runId, PackageFacts facts, RegistrationOptions options, CancellationToken cancellationToken)
    {
        var createdModel = false;
        try
        {
            await registry.CreateRegisteredModelAsync(name, null, null, options.Actor, cancellationToken);
            createdModel = true;
        }
        catch (GyreException error) when (error.Kind == ErrorKind.AlreadyExists)
        {
            // The model exists (or another process created it meanwhile): register into it.
        }

        // The default alias is decided and set in the version's own transaction: no crash can leave version 1
        // without it, and of concurrent first registrations only the one numbered 1 gets it.
        var explicitAlias = options.NoAlias ? null : options.Alias;
        var version = await registry.CreateModelVersionAsync(
            new NewModelVersion(name, source)
            {
                RunId = runId,
                Description = options.Description,
                UserId = options.Actor.User,
                Package = facts,
                Aliases = explicitAlias is null ? null : [explicitAlias],
                AliasesIfFirst = options.NoAlias || explicitAlias is not null ? null : [DefaultFirstAlias],
            },
            options.Actor,
            cancellationToken);

        var alias = explicitAlias ?? (!options.NoAlias && version.Version == 1 ? DefaultFirstAlias : null);
        return new RegistrationResult(version, createdModel, alias);
    }
}
