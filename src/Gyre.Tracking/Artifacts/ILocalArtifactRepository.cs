namespace Gyre.Tracking.Artifacts;

/// <summary>
/// An optional capability of an <see cref="IArtifactRepository"/> whose files are plain files on this
/// machine: callers can use them in place instead of downloading a copy. Thread-safe.
/// </summary>
public interface ILocalArtifactRepository : IArtifactRepository
{
    /// <summary>The absolute root folder (it may not exist yet).</summary>
    string RootFolder { get; }

    /// <summary>
    /// The absolute local path of <paramref name="path"/> (null or "" = the root folder), whether or not
    /// anything exists there. InvalidInput naming the path when it is unsafe (see <see cref="ArtifactPath"/>)
    /// or would leave the root, also through a symbolic link.
    /// </summary>
    string GetLocalPath(string? path);
}
