using Gyre.Core;
using Gyre.Registry;
using Gyre.Tracking;

namespace Gyre.Pipelines.Registry;

/// <summary>
/// Loads registered versions by reference (<c>name@alias</c>, <c>name/version</c>): resolves the version, finds
/// its package, checks the manifest's SHA-256 against the one recorded at registration and loads the package
/// (which checks every file against the manifest). Never returns an unverified package. With a
/// <c>downloadCache</c> folder, packages of a remote artifact store are cached there (see <see cref="PackageLocations"/>);
/// a cached copy that fails verification is evicted and downloaded once more, and only a fresh copy that fails too
/// is refused. Thread-safe as far as the stores are.
/// </summary>
public sealed class RegisteredModelLoader(IModelRegistryStore registry, ITrackingStore tracking, IArtifactStore artifacts, string? downloadCache = null)
{
    private readonly PackageLocations _locations = new(tracking, artifacts, downloadCache);

    /// <exception cref="GyreException">
    /// InvalidInput for a malformed reference; NotFound for an unknown model, version or alias; InvalidState for a
    /// version registered without a package checksum; Corrupt naming the model and the file when the package is
    /// missing, modified or unreadable.
    /// </exception>
    public Task<LoadedModelVersion> LoadAsync(string reference, CancellationToken cancellationToken) =>
        LoadAsync(ModelReference.Parse(reference), cancellationToken);

    /// <inheritdoc cref="LoadAsync(string, CancellationToken)"/>
    public async Task<LoadedModelVersion> LoadAsync(ModelReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var version = await reference.ResolveAsync(registry, cancellationToken);
        var label = $"Model {reference} (version {version.Version} of '{version.Name}')";
        var expected = version.Package
            ?? throw GyreException.InvalidState($"{label} was registered without a package checksum (source {version.Source}), so Gyre cannot verify it; register the package with 'gyre models register'.");

        var folder = await ResolveAsync(version, label, cancellationToken);
        if (!_locations.IsCached(folder))
        {
            return new LoadedModelVersion(reference, version, await VerifyAsync(folder, expected, label, cancellationToken));
        }

        try
        {
            return new LoadedModelVersion(reference, version, await VerifyAsync(folder, expected, label, cancellationToken));
        }
        catch (GyreException error) when (error.Kind == ErrorKind.Corrupt)
        {
            // A damaged or tampered cache entry: the registry's record decides, so fetch the package once more.
            _locations.Evict(folder);
        }

        folder = await ResolveAsync(version, label, cancellationToken);
        try
        {
            return new LoadedModelVersion(reference, version, await VerifyAsync(folder, expected, label, cancellationToken));
        }
        catch (GyreException error) when (error.Kind == ErrorKind.Corrupt)
        {
            _locations.Evict(folder); // Refused: keep no copy that can never be served.
            throw;
        }
    }

    private async Task<string> ResolveAsync(ModelVersion version, string label, CancellationToken cancellationToken)
    {
        try
        {
            return await _locations.ResolveAsync(version.Source, cancellationToken);
        }
        catch (GyreException error) when (error.Kind == ErrorKind.NotFound)
        {
            throw new GyreException(ErrorKind.Corrupt, $"{label} is refused: its package {version.Source} is missing ({error.Message}).", error);
        }
    }

    /// <summary>The package in <paramref name="folder"/> once every file matched its manifest and the manifest matched <paramref name="expected"/>; Corrupt otherwise.</summary>
    private static async Task<Training.Packaging.ModelPackage> VerifyAsync(string folder, PackageFacts expected, string label, CancellationToken cancellationToken)
    {
        VerifiedPackage verified;
        try
        {
            verified = await PackageFactsReader.LoadAsync(folder, cancellationToken);
        }
        catch (GyreException error) when (error.Kind is ErrorKind.Corrupt or ErrorKind.NotFound)
        {
            throw new GyreException(ErrorKind.Corrupt, $"{label} is refused: {error.Message}", error);
        }

        if (!string.Equals(verified.Facts.Sha256, expected.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw GyreException.Corrupt(
                $"{label} is refused: {Path.Combine(folder, Training.Packaging.ModelPackage.ManifestFileName)} has SHA-256 {verified.Facts.Sha256} " +
                $"but the registry recorded {expected.Sha256}; the package was modified or replaced.");
        }

        return verified.Package;
    }
}
