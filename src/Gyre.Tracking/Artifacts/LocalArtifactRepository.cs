using Gyre.Core;

namespace Gyre.Tracking.Artifacts;

/// <summary>
/// An artifact tree in a local folder. Each file is written to a hidden temporary file in its
/// destination folder, flushed to disk and then renamed into place, so a reader sees the old file or
/// the whole new one, and concurrent writers of one path end with one complete winner. Names starting
/// with <c>.gyre-tmp-</c> are reserved for those temporary files: hidden from listings and refused as
/// paths. Every path is checked by <see cref="ArtifactPath"/>, must resolve under the root, and may not
/// pass through a symbolic link that leads out of the root (InvalidInput naming the path). Unlike an
/// object store, a folder can exist empty, and a file and a folder cannot share a path (writing a file
/// where a folder is, or under a file, is InvalidInput). Thread-safe.
/// </summary>
public sealed class LocalArtifactRepository : ILocalArtifactRepository
{
    private const string TempPrefix = ".gyre-tmp-";
    private const int BufferSize = 81920;

    private readonly string root;

    /// <param name="rootFolder">The root folder; created on first write.</param>
    public LocalArtifactRepository(string rootFolder)
    {
        if (string.IsNullOrWhiteSpace(rootFolder))
        {
            throw GyreException.InvalidInput("The artifact root folder must be a non-empty path.");
        }

        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootFolder));
        RootUri = ArtifactUris.NormalizeRoot(root);
    }

    public string RootFolder => root;

    public string RootUri { get; }

    public string GetLocalPath(string? path) => Resolve(path);

    public async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var full = Resolve(path);
        if (full == root)
        {
            throw GyreException.InvalidInput($"Invalid artifact path '{path}': a file path is required.");
        }

        if (Directory.Exists(full))
        {
            throw GyreException.InvalidInput($"Cannot write artifact '{path}': a folder exists at that path.");
        }

        var folder = Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (IOException error)
        {
            throw new GyreException(ErrorKind.InvalidInput, $"Cannot write artifact '{path}': a file exists where one of its folders should be.", error);
        }

        var temp = Path.Combine(folder, $"{TempPrefix}{Guid.NewGuid():N}");
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                await content.CopyToAsync(output, BufferSize, cancellationToken);
                await output.FlushAsync(cancellationToken);
                output.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (IOException error) when (Directory.Exists(full))
        {
            File.Delete(temp);
            throw new GyreException(ErrorKind.InvalidInput, $"Cannot write artifact '{path}': a folder exists at that path.", error);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var full = Resolve(path);
        if (!File.Exists(full))
        {
            throw NotFound(path);
        }

        try
        {
            return Task.FromResult<Stream>(new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, useAsync: true));
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new GyreException(ErrorKind.NotFound, NotFound(path).Message, error);
        }
    }

    public Task<IReadOnlyList<ArtifactInfo>> ListAsync(string? path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var prefix = ArtifactPath.Normalize(path);
        var folder = new DirectoryInfo(Resolve(path));
        if (!folder.Exists)
        {
            return Task.FromResult<IReadOnlyList<ArtifactInfo>>([]);
        }

        try
        {
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
        catch (DirectoryNotFoundException)
        {
            return Task.FromResult<IReadOnlyList<ArtifactInfo>>([]);
        }
    }

    /// <summary>Deletes the file or folder at <paramref name="path"/>; "" deletes everything under the root but keeps the root folder.</summary>
    public Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var full = Resolve(path);
        var entry = new FileInfo(full);
        if (full == root)
        {
            if (Directory.Exists(root))
            {
                foreach (var child in new DirectoryInfo(root).EnumerateFileSystemInfos())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    DeleteEntry(child.FullName);
                }
            }
        }
        else if (entry.Exists || entry.LinkTarget is not null || Directory.Exists(full))
        {
            DeleteEntry(full);
        }

        return Task.CompletedTask;
    }

    private static void DeleteEntry(string full)
    {
        try
        {
            var entry = new FileInfo(full);
            if (entry.LinkTarget is not null || entry.Exists)
            {
                entry.Delete();
            }
            else
            {
                Directory.Delete(full, recursive: true);
            }
        }
        catch (DirectoryNotFoundException)
        {
            // Deleted concurrently: the outcome the caller asked for.
        }
    }

    /// <summary>The full path of <paramref name="path"/>, after every check of the class contract.</summary>
    private string Resolve(string? path)
    {
        var parts = ArtifactPath.Split(path);
        if (parts.Count > 0 && parts[^1].StartsWith(TempPrefix, StringComparison.Ordinal))
        {
            throw GyreException.InvalidInput($"Invalid artifact path '{path}': names starting with '{TempPrefix}' are reserved.");
        }

        var full = Path.GetFullPath(Path.Combine([root, .. parts]));
        if (!IsUnderRoot(full))
        {
            throw LeavesRoot(path);
        }

        // Walk the physical path: a symbolic link is replaced by its final target, so that relative
        // targets further down resolve from where the kernel resolves them.
        var physical = root;
        foreach (var part in parts)
        {
            physical = Path.Combine(physical, part);
            var entry = new FileInfo(physical);
            if (entry.LinkTarget is null)
            {
                continue;
            }

            FileSystemInfo? target;
            try
            {
                target = entry.ResolveLinkTarget(returnFinalTarget: true);
            }
            catch (IOException error)
            {
                throw new GyreException(ErrorKind.InvalidInput, $"Invalid artifact path '{path}': it passes through a symbolic link that cannot be resolved.", error);
            }

            if (target is not null)
            {
                physical = Path.GetFullPath(target.FullName);
                if (!IsUnderRoot(physical))
                {
                    throw LeavesRoot(path);
                }
            }
        }

        return full;
    }

    private bool IsUnderRoot(string full) =>
        full == root || full.StartsWith(Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private GyreException NotFound(string path) => GyreException.NotFound($"Artifact '{path}' not found in {RootUri}.");

    private static GyreException LeavesRoot(string? path) =>
        GyreException.InvalidInput($"Invalid artifact path '{path}': it leads out of the artifact root.");
}
