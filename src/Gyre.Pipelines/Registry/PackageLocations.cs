using System.Security.Cryptography;
using System.Text;
using Gyre.Core;
using Gyre.Pipelines.Jobs;
using Gyre.Tracking;
using Gyre.Tracking.Artifacts;

namespace Gyre.Pipelines.Registry;

/// <summary>
/// Where registered packages live and how a version's source URI becomes a local folder. A run's package is
/// <c>runs:/RUN_ID/model</c>; an imported package is copied into the artifact root's registry area,
/// <c>registry/packages/&lt;manifest SHA-256&gt;</c> (content-addressed, so a re-import reuses it), and its source
/// is that folder's URI under the artifact root. Thread-safe as far as the stores are.
/// </summary>
/// <remarks>
/// Packages read from a remote artifact store (a tracking server's proxy) are downloaded. With a
/// <c>downloadCache</c> folder they land in <c>&lt;downloadCache&gt;/&lt;SHA-256 hex of the package folder's remote
/// URI&gt;</c>: downloaded into a <c>.staging-&lt;guid&gt;</c> folder beside it and renamed into place, so an entry is a
/// whole download or absent, and concurrent processes end with one entry (the losers delete their staging copy).
/// An entry is reused as is: a cached copy is only as trustworthy as what checks it, so callers verify it against
/// the registry's record (as <see cref="RegisteredModelLoader"/> does) and <see cref="Evict"/> one that fails.
/// Without a cache folder every resolve downloads into a fresh folder under the system temp folder that nobody
/// deletes unless the caller does.
/// </remarks>
public sealed class PackageLocations(ITrackingStore tracking, IArtifactStore artifacts, string? downloadCache = null)
{
    public const string RunsScheme = "runs:/";

    /// <summary>The artifact-root-relative folder of imported packages.</summary>
    public const string PackagesArea = "registry/packages";

    private const string StagingArea = "registry/.staging";

    private const string CacheStagingPrefix = ".staging-";

    private const string CacheEvictedPrefix = ".evicted-";

    private readonly string? _cache = downloadCache is null ? null : Path.GetFullPath(downloadCache);

    /// <summary>The source URI of a run's model package.</summary>
    public static string RunSource(RunId runId) => $"{RunsScheme}{runId.Value}/{TrainingJob.ModelArtifactPath}";

    /// <summary>
    /// Copies the package folder <paramref name="packageFolder"/> into the registry area under <paramref name="manifestSha256"/>
    /// and returns its source URI. Local roots: copied into a staging folder and renamed into place, so the area
    /// holds a whole package or none; other roots: every file written atomically, manifest.json last. An existing
    /// copy that loads with the same manifest is reused; a damaged one is replaced.
    /// </summary>
    public async Task<string> ImportAsync(string packageFolder, string manifestSha256, CancellationToken cancellationToken)
    {
        var repository = Repository();
        var relative = $"{PackagesArea}/{manifestSha256}";
        var source = $"{repository.RootUri}/{relative}";
        var files = Directory.EnumerateFiles(packageFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(packageFolder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .OrderBy(f => f == Training.Packaging.ModelPackage.ManifestFileName ? 1 : 0)
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToList();
        if (repository is ILocalArtifactRepository local)
        {
            var target = local.GetLocalPath(relative);
            if (Directory.Exists(target))
            {
                try
                {
                    var existing = await PackageFactsReader.LoadAsync(target, cancellationToken);
                    if (existing.Facts.Sha256 == manifestSha256)
                    {
                        return source;
                    }
                }
                catch (GyreException error) when (error.Kind is ErrorKind.Corrupt or ErrorKind.NotFound)
                {
                    // A damaged copy under this hash: replaced below by the verified package being imported.
                }
            }

            var staging = local.GetLocalPath($"{StagingArea}/{Guid.NewGuid():N}");
            try
            {
                foreach (var file in files)
                {
                    var destination = Path.Combine(staging, file);
                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    File.Copy(Path.Combine(packageFolder, file), destination);
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                if (Directory.Exists(target))
                {
                    Directory.Delete(target, recursive: true);
                }

                Directory.Move(staging, target);
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }

            return source;
        }

        foreach (var file in files)
        {
            await using var input = File.OpenRead(Path.Combine(packageFolder, file));
            await repository.WriteAsync($"{relative}/{file}", input, cancellationToken);
        }

        return source;
    }

    /// <summary>
    /// The local folder of the package at <paramref name="source"/>: a run's artifact (in place for a local
    /// store), a folder in the local registry area, or a <c>file:</c> URI / absolute path. For a remote artifact
    /// store (a tracking server's proxy), a run's artifact or a folder under its root is downloaded: into the download
    /// cache when there is one (reusing an existing entry, see the remarks), else into a fresh folder under the system
    /// temp folder. InvalidInput for a source this workspace cannot read; NotFound for an unknown run or an absent package.
    /// </summary>
    public async Task<string> ResolveAsync(string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.StartsWith(RunsScheme, StringComparison.Ordinal))
        {
            var rest = source[RunsScheme.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var runId = new RunId(slash < 0 ? rest : rest[..slash]);
            var path = slash < 0 ? string.Empty : rest[(slash + 1)..];
            var run = await tracking.GetRunAsync(runId, cancellationToken);
            if (_cache is not null && artifacts is ArtifactStore { Repository: var runRepository and not ILocalArtifactRepository })
            {
                var runFolder = $"{artifacts.GetArtifactUri(run.Info.ExperimentId, runId)}/{path}";
                return await CachedDownloadAsync(runRepository, Uri.UnescapeDataString(runFolder[(runRepository.RootUri.Length + 1)..]), runFolder, cancellationToken);
            }

            return await artifacts.GetLocalPathAsync(run.Info.ExperimentId, runId, path, cancellationToken);
        }

        if (artifacts is ArtifactStore { Repository: ILocalArtifactRepository local } && source.StartsWith(local.RootUri + "/", StringComparison.Ordinal))
        {
            return local.GetLocalPath(Uri.UnescapeDataString(source[(local.RootUri.Length + 1)..]));
        }

        if (artifacts is ArtifactStore { Repository: var remote } && source.StartsWith(remote.RootUri + "/", StringComparison.Ordinal))
        {
            var folder = Uri.UnescapeDataString(source[(remote.RootUri.Length + 1)..]);
            return _cache is null
                ? await DownloadAsync(remote, folder, source, Path.Combine(Path.GetTempPath(), "gyre-package-" + Guid.NewGuid().ToString("N")), cancellationToken)
                : await CachedDownloadAsync(remote, folder, source, cancellationToken);
        }

        if (source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(source, UriKind.Absolute, out var uri))
        {
            return uri.LocalPath;
        }

        return Path.IsPathFullyQualified(source)
            ? source
            : throw GyreException.InvalidInput($"Model source '{source}' cannot be read from this workspace (expected runs:/RUN_ID/PATH, a file: URI or a path under the artifact root).");
    }

    /// <summary>Whether <paramref name="folder"/> (as returned by <see cref="ResolveAsync"/>) is an entry of the download cache.</summary>
    public bool IsCached(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return _cache is not null && string.Equals(Path.GetDirectoryName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)), _cache, StringComparison.Ordinal);
    }

    /// <summary>
    /// Removes the download-cache entry <paramref name="folder"/> (as returned by <see cref="ResolveAsync"/>), so the
    /// next resolve downloads afresh: renamed aside first, then deleted, so no reader sees a half-deleted entry under
    /// its key. Does nothing for a folder that is not a cache entry or is already gone.
    /// </summary>
    public void Evict(string folder)
    {
        if (!IsCached(folder) || !Directory.Exists(folder))
        {
            return;
        }

        var aside = Path.Combine(_cache!, CacheEvictedPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.Move(folder, aside);
        }
        catch (IOException) when (!Directory.Exists(folder))
        {
            return; // Another process evicted it first.
        }

        Directory.Delete(aside, recursive: true);
    }

    /// <summary>The cache entry of the remote package folder <paramref name="uri"/>, downloading it when absent (see the remarks).</summary>
    private async Task<string> CachedDownloadAsync(IArtifactRepository repository, string folder, string uri, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(uri)));
        var entry = Path.Combine(_cache!, key);
        if (Directory.Exists(entry))
        {
            return entry;
        }

        Directory.CreateDirectory(_cache!);
        var staging = await DownloadAsync(repository, folder, uri, Path.Combine(_cache!, CacheStagingPrefix + Guid.NewGuid().ToString("N")), cancellationToken);
        try
        {
            Directory.Move(staging, entry);
        }
        catch (IOException) when (Directory.Exists(entry))
        {
            // Another process cached the same folder meanwhile: theirs is as good as ours.
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return entry;
    }

    /// <summary>Downloads every file under <paramref name="folder"/> of <paramref name="repository"/> into the new folder <paramref name="target"/>; NotFound when there is none (and <paramref name="target"/> is removed).</summary>
    private static async Task<string> DownloadAsync(IArtifactRepository repository, string folder, string source, string target, CancellationToken cancellationToken)
    {
        var root = ArtifactPath.Normalize(folder);
        if (root.Length == 0)
        {
            throw GyreException.InvalidInput($"Model source '{source}' names the artifact store's root, not a package folder.");
        }

        try
        {
            var pending = new Stack<string>([root]);
            var found = false;
            while (pending.TryPop(out var current))
            {
                foreach (var child in await repository.ListAsync(current, cancellationToken))
                {
                    if (child.IsDirectory)
                    {
                        pending.Push(child.Path);
                        continue;
                    }

                    var local = Path.Combine(target, child.Path[(root.Length + 1)..].Replace('/', Path.DirectorySeparatorChar));
                    Directory.CreateDirectory(Path.GetDirectoryName(local)!);
                    await using var input = await repository.OpenReadAsync(child.Path, cancellationToken);
                    await using var output = new FileStream(local, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                    await input.CopyToAsync(output, cancellationToken);
                    found = true;
                }
            }

            return found ? target : throw GyreException.NotFound($"Model package {source} not found in the artifact store.");
        }
        catch
        {
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            throw;
        }
    }

    private IArtifactRepository Repository() =>
        artifacts is ArtifactStore store
            ? store.Repository
            : throw GyreException.InvalidState("This artifact store cannot hold imported model packages; register from a run instead (--run).");
}
