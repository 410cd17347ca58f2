using Gyre.Tracking.Artifacts;

namespace Gyre.Tracking.Tests.Artifacts;

/// <summary>
/// Forwards to another repository but hides any <see cref="ILocalArtifactRepository"/> capability, so
/// that code taking the remote path (download instead of in-place access) can be tested on local files.
/// </summary>
public sealed class OpaqueArtifactRepository(IArtifactRepository inner) : IArtifactRepository
{
    public string RootUri => inner.RootUri;

    public Task WriteAsync(string path, Stream content, CancellationToken cancellationToken) => inner.WriteAsync(path, content, cancellationToken);

    public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken) => inner.OpenReadAsync(path, cancellationToken);

    public Task<IReadOnlyList<ArtifactInfo>> ListAsync(string? path, CancellationToken cancellationToken) => inner.ListAsync(path, cancellationToken);

    public Task DeleteAsync(string path, CancellationToken cancellationToken) => inner.DeleteAsync(path, cancellationToken);
}
