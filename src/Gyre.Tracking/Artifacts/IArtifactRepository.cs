namespace Gyre.Tracking.Artifacts;

/// <summary>
/// A tree of files under one root (a local folder, an S3 bucket prefix, a remote Gyre/MLflow artifact
/// proxy), addressed by '/'-separated paths relative to the root and checked with <see cref="ArtifactPath"/>
/// (paths escaping the root, absolute or encoded variants, are InvalidInput naming the path).
/// A run's files live under <c>&lt;experiment id&gt;/&lt;run id&gt;/artifacts/</c> (MLflow's layout), so
/// the MLflow artifact proxy maps its URL paths straight onto these calls. Thread-safe. Each write is
/// atomic: readers see the previous file or the whole new one, never a part.
/// </summary>
public interface IArtifactRepository
{
    /// <summary>The root as a URI without trailing '/' (e.g. <c>file:///srv/artifacts</c>, <c>s3://bucket/prefix</c>).</summary>
    string RootUri { get; }

    /// <summary>Writes <paramref name="content"/> (read to its end) to the file at <paramref name="path"/>, replacing any file there.</summary>
    Task WriteAsync(string path, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens the file at <paramref name="path"/> for reading; the caller disposes it. NotFound when absent or a folder.</summary>
    Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// The direct children of folder <paramref name="path"/> (null or "" = the root), ordered by path,
    /// with paths relative to the root (including <paramref name="path"/>); empty when the folder is absent.
    /// </summary>
    Task<IReadOnlyList<ArtifactInfo>> ListAsync(string? path, CancellationToken cancellationToken);

    /// <summary>Deletes the file, or the folder with everything under it, at <paramref name="path"/>; absent is not an error.</summary>
    Task DeleteAsync(string path, CancellationToken cancellationToken);
}
