using System.Text.RegularExpressions;
using Gyre.Core;

namespace Gyre.Tracking.Artifacts;

/// <summary>
/// Artifacts in a local folder: a run's files live in <c>&lt;root&gt;/&lt;experiment id&gt;/&lt;run id&gt;/artifacts/</c>.
/// Each file is written to a temporary file in its destination folder and then moved into place, so a
/// reader sees the old file or the new one, never a partial one (temporary files are hidden from
/// listings). Thread-safe: concurrent writes of the same path end with one complete winner.
/// </summary>
public sealed partial class LocalArtifactStore : IArtifactStore
{
    private const string TempPrefix = ".gyre-tmp-";
    private const int CopyBufferSize = 81920;

    private readonly string root;
    private readonly string rootUri;

    /// <param name="rootFolder">The artifact root folder; created on first write.</param>
    public LocalArtifactStore(string rootFolder)
    {
        if (string.IsNullOrWhiteSpace(rootFolder))
        {
            throw GyreException.InvalidInput("The artifact root folder must be a non-empty path.");
        }

        root = Path.GetFullPath(rootFolder);
        rootUri = ArtifactUris.NormalizeRoot(root);
    }

    /// <summary>The absolute artifact root folder.</summary>
    public string RootFolder => root;

    public string GetArtifactUri(ExperimentId experimentId, RunId runId) =>
        ArtifactUris.ForRun(ArtifactUris.ForExperiment(rootUri, CheckExperimentId(experimentId)), CheckRunId(runId));

    /// <summary>
    /// Copies <paramref name="localPath"/> under the run. A file lands at <c>&lt;artifactPath&gt;/&lt;file name&gt;</c>;
    /// a folder's contents (recursively) land in <c>&lt;artifactPath&gt;</c> (MLflow's log_artifact / log_artifacts).
    /// Existing files of the same name are replaced atomically. NotFound when <paramref name="localPath"/> is absent.
    /// </summary>
    public async Task LogArtifactAsync(ExperimentId experimentId, RunId runId, string localPath, string? artifactPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localPath);
        var destinationFolder = Resolve(experimentId, runId, artifactPath);
        if (File.Exists(localPath))
        {
            await CopyFileAtomicallyAsync(localPath, Path.Combine(destinationFolder, Path.GetFileName(localPath)), cancellationToken);
        }
        else if (Directory.Exists(localPath))
        {
            var source = Path.GetFullPath(localPath);
            Directory.CreateDirectory(destinationFolder);
            foreach (var folder in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
            {
                Directory.CreateDirectory(Path.Combine(destinationFolder, Path.GetRelativePath(source, folder)));
            }

            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await CopyFileAtomicallyAsync(file, Path.Combine(destinationFolder, Path.GetRelativePath(source, file)), cancellationToken);
            }
        }
        else
        {
            throw GyreException.NotFound($"Cannot log artifact '{localPath}': no such file or folder.");
        }
    }

    /// <summary>Direct children of <paramref name="path"/>, ordered by path; paths are relative to the run's root and include <paramref name="path"/>.</summary>
    public Task<IReadOnlyList<ArtifactInfo>> ListArtifactsAsync(ExperimentId experimentId, RunId runId, string? path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var prefix = ArtifactPath.Normalize(path);
        var folder = new DirectoryInfo(Resolve(experimentId, runId, path));
        if (!folder.Exists)
        {
            return Task.FromResult<IReadOnlyList<ArtifactInfo>>([]);
        }

        var items = folder.EnumerateFileSystemInfos()
            .Where(entry => !entry.Name.StartsWith(TempPrefix, StringComparison.Ordinal))
            .Select(entry => new ArtifactInfo(
                prefix.Length == 0 ? entry.Name : $"{prefix}/{entry.Name}",
                entry is DirectoryInfo,
                entry is FileInfo file ? file.Length : null))
            .OrderBy(info => info.Path, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<IReadOnlyList<ArtifactInfo>>(items);
    }

    /// <summary>Opens a file for asynchronous reading; the caller disposes the stream. NotFound when absent or a folder.</summary>
    public Task<Stream> OpenArtifactAsync(ExperimentId experimentId, RunId runId, string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var full = Resolve(experimentId, runId, path);
        if (!File.Exists(full))
        {
            throw GyreException.NotFound($"Artifact '{path}' of run {runId} not found.");
        }

        return Task.FromResult<Stream>(new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, CopyBufferSize, useAsync: true));
    }

    /// <summary>The artifact's own local path (file or folder; "" = the run's root folder). NotFound when absent.</summary>
    public Task<string> GetLocalPathAsync(ExperimentId experimentId, RunId runId, string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var full = Resolve(experimentId, runId, path);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw GyreException.NotFound($"Artifact '{path}' of run {runId} not found.");
        }

        return Task.FromResult(full);
    }

    private string Resolve(ExperimentId experimentId, RunId runId, string? path)
    {
        var runRoot = Path.GetFullPath(Path.Combine(root, CheckExperimentId(experimentId).Value, CheckRunId(runId).Value, "artifacts"));
        var full = Path.GetFullPath(Path.Combine([runRoot, .. ArtifactPath.Split(path)]));
        if (full != runRoot && !full.StartsWith(runRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw GyreException.InvalidInput($"Invalid artifact path '{path}': it escapes the run's artifact root.");
        }

        return full;
    }

    private static async Task CopyFileAtomicallyAsync(string source, string destination, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $"{TempPrefix}{Guid.NewGuid():N}");
        try
        {
            await using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferSize, useAsync: true))
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, useAsync: true))
            {
                await input.CopyToAsync(output, cancellationToken);
                await output.FlushAsync(cancellationToken);
            }

            File.Move(temp, destination, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

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
