using System.Text.RegularExpressions;
using Gyre.Core;

namespace Gyre.Tracking.Artifacts;

/// <summary>
/// Runs' artifacts in any <see cref="IArtifactRepository"/>, in MLflow's layout: a run's file
/// <c>p</c> is the repository's <c>&lt;experiment id&gt;/&lt;run id&gt;/artifacts/p</c>, and the run's
/// artifact URI is <see cref="ArtifactUris.ForRun"/> under the repository's root URI. Run-relative
/// paths are checked by <see cref="ArtifactPath"/> before anything is touched (InvalidInput naming the
/// path as given); experiment and run ids must be plain names. When the repository is an
/// <see cref="ILocalArtifactRepository"/>, <see cref="GetLocalPathAsync"/> returns files in place and
/// logged folders keep their empty sub-folders (object stores have no empty folders). Thread-safe
/// as far as the repository is.
/// </summary>
public partial class ArtifactStore : IArtifactStore
{
    private const string TempFolderPrefix = "gyre-artifacts-";
    private const int BufferSize = 81920;

    public ArtifactStore(IArtifactRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        Repository = repository;
    }

    /// <summary>The repository holding every run's files.</summary>
    public IArtifactRepository Repository { get; }

    public string GetArtifactUri(ExperimentId experimentId, RunId runId) =>
        ArtifactUris.ForRun(ArtifactUris.ForExperiment(Repository.RootUri, CheckExperimentId(experimentId)), CheckRunId(runId));

    /// <summary>
    /// Copies <paramref name="localPath"/> under the run. A file lands at <c>&lt;artifactPath&gt;/&lt;file name&gt;</c>;
    /// a folder's contents (recursively) land in <c>&lt;artifactPath&gt;</c> (MLflow's log_artifact / log_artifacts).
    /// Each file is written atomically, replacing a file of the same path; a failure part-way leaves the
    /// files written so far. NotFound when <paramref name="localPath"/> is absent.
    /// </summary>
    public async Task LogArtifactAsync(ExperimentId experimentId, RunId runId, string localPath, string? artifactPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localPath);
        var destination = RunPath(experimentId, runId, artifactPath);
        if (File.Exists(localPath))
        {
            await UploadFileAsync(localPath, ArtifactPath.Combine(destination, Path.GetFileName(localPath)), cancellationToken);
        }
        else if (Directory.Exists(localPath))
        {
            var source = Path.GetFullPath(localPath);
            if (Repository is ILocalArtifactRepository local)
            {
                Directory.CreateDirectory(local.GetLocalPath(destination));
                foreach (var folder in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
                {
                    Directory.CreateDirectory(local.GetLocalPath(ArtifactPath.Combine(destination, RelativeArtifactPath(source, folder))));
                }
            }

            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await UploadFileAsync(file, ArtifactPath.Combine(destination, RelativeArtifactPath(source, file)), cancellationToken);
            }
        }
        else
        {
            throw GyreException.NotFound($"Cannot log artifact '{localPath}': no such file or folder.");
        }
    }

    /// <summary>Direct children of <paramref name="path"/>, ordered by path; paths are relative to the run's root and include <paramref name="path"/>.</summary>
    public async Task<IReadOnlyList<ArtifactInfo>> ListArtifactsAsync(ExperimentId experimentId, RunId runId, string? path, CancellationToken cancellationToken)
    {
        var runRoot = RunPath(experimentId, runId, null);
        var items = await Repository.ListAsync(RunPath(experimentId, runId, path), cancellationToken);
        return [.. items.Select(item => item with { Path = item.Path[(runRoot.Length + 1)..] })];
    }

    /// <summary>Opens one file for reading; the caller disposes the stream. NotFound when absent or a folder.</summary>
    public async Task<Stream> OpenArtifactAsync(ExperimentId experimentId, RunId runId, string path, CancellationToken cancellationToken)
    {
        var full = RunPath(experimentId, runId, path);
        try
        {
            return await Repository.OpenReadAsync(full, cancellationToken);
        }
        catch (GyreException error) when (error.Kind == ErrorKind.NotFound)
        {
            throw new GyreException(ErrorKind.NotFound, $"Artifact '{path}' of run {runId} not found.", error);
        }
    }

    /// <summary>
    /// The local path of the artifact (file or folder; "" = the run's root). For a local repository that is
    /// the artifact itself (do not modify it); otherwise a copy downloaded into a fresh folder under the
    /// system temp folder, which the caller owns and deletes. NotFound when absent.
    /// </summary>
    public async Task<string> GetLocalPathAsync(ExperimentId experimentId, RunId runId, string path, CancellationToken cancellationToken)
    {
        var full = RunPath(experimentId, runId, path);
        if (Repository is ILocalArtifactRepository local)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var localPath = local.GetLocalPath(full);
            return File.Exists(localPath) || Directory.Exists(localPath)
                ? localPath
                : throw GyreException.NotFound($"Artifact '{path}' of run {runId} not found.");
        }

        var normalized = ArtifactPath.Normalize(path);
        var downloadFolder = Path.Combine(Path.GetTempPath(), TempFolderPrefix + Guid.NewGuid().ToString("N"));
        var target = normalized.Length == 0 ? downloadFolder : Path.Combine(downloadFolder, normalized[(normalized.LastIndexOf('/') + 1)..]);
        Directory.CreateDirectory(downloadFolder);
        try
        {
            if (await DownloadFolderAsync(full, target, cancellationToken)
                || (normalized.Length > 0 && await TryDownloadFileAsync(full, target, cancellationToken)))
            {
                return target;
            }
        }
        catch
        {
            Directory.Delete(downloadFolder, recursive: true);
            throw;
        }

        Directory.Delete(downloadFolder, recursive: true);
        throw GyreException.NotFound($"Artifact '{path}' of run {runId} not found.");
    }

    private async Task UploadFileAsync(string file, string repositoryPath, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        await Repository.WriteAsync(repositoryPath, input, cancellationToken);
    }

    /// <summary>Downloads every file under <paramref name="folder"/> into <paramref name="target"/>; false when there is none.</summary>
    private async Task<bool> DownloadFolderAsync(string folder, string target, CancellationToken cancellationToken)
    {
        var children = await Repository.ListAsync(folder, cancellationToken);
        if (children.Count == 0)
        {
            return false;
        }

        Directory.CreateDirectory(target);
        foreach (var child in children)
        {
            var childTarget = Path.Combine(target, child.Path[(child.Path.LastIndexOf('/') + 1)..]);
            if (child.IsDirectory)
            {
                if (!await DownloadFolderAsync(child.Path, childTarget, cancellationToken))
                {
                    Directory.CreateDirectory(childTarget);
                }
            }
            else
            {
                await DownloadFileAsync(child.Path, childTarget, cancellationToken);
            }
        }

        return true;
    }

    private async Task DownloadFileAsync(string file, string target, CancellationToken cancellationToken)
    {
        await using var input = await Repository.OpenReadAsync(file, cancellationToken);
        await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        await input.CopyToAsync(output, BufferSize, cancellationToken);
    }

    /// <summary>Downloads the file at <paramref name="file"/> to <paramref name="target"/>; false when there is no such file.</summary>
    private async Task<bool> TryDownloadFileAsync(string file, string target, CancellationToken cancellationToken)
    {
        Stream input;
        try
        {
            input = await Repository.OpenReadAsync(file, cancellationToken);
        }
        catch (GyreException error) when (error.Kind == ErrorKind.NotFound)
        {
            return false;
        }

        await using (input)
        await using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
        {
            await input.CopyToAsync(output, BufferSize, cancellationToken);
        }

        return true;
    }

    /// <summary>The repository path of the run-relative <paramref name="path"/> (checked as given).</summary>
    private static string RunPath(ExperimentId experimentId, RunId runId, string? path)
    {
        var relative = ArtifactPath.Normalize(path);
        var runRoot = $"{CheckExperimentId(experimentId).Value}/{CheckRunId(runId).Value}/artifacts";
        return relative.Length == 0 ? runRoot : $"{runRoot}/{relative}";
    }

    private static string RelativeArtifactPath(string sourceFolder, string entry) =>
        Path.GetRelativePath(sourceFolder, entry).Replace(Path.DirectorySeparatorChar, '/');

    private static ExperimentId CheckExperimentId(ExperimentId experimentId) =>
        experimentId.Value is { } value && IdPattern().IsMatch(value)
            ? experimentId
            : throw GyreException.InvalidInput($"Invalid experiment id '{experimentId.Value}'.");

    private static RunId CheckRunId(RunId runId) =>
        runId.Value is { } value && IdPattern().IsMatch(value)
            ? runId
            : throw GyreException.InvalidInput($"Invalid run id '{runId.Value}'.");

    [GeneratedRegex(@"^[a-zA-Z0-9][\w\-]{0,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
