using Gyre.Core;

namespace Gyre.Tracking;

/// <summary>
/// Files attached to runs, addressed by run and a relative '/'-separated path. Writes are atomic per
/// file (a reader never sees a half-written file). Paths that escape the run's root ("..", absolute)
/// are InvalidInput.
/// </summary>
public interface IArtifactStore
{
    /// <summary>The URI recorded as a run's artifact_uri (e.g. file:///abs/path/0/runid/artifacts).</summary>
    string GetArtifactUri(ExperimentId experimentId, RunId runId);

    /// <summary>Copies a local file or folder (recursively) to <paramref name="artifactPath"/> under the run (null = root, keeping the name).</summary>
    Task LogArtifactAsync(ExperimentId experimentId, RunId runId, string localPath, string? artifactPath, CancellationToken cancellationToken);

    /// <summary>The direct children of <paramref name="path"/> (null = root); empty when absent.</summary>
    Task<IReadOnlyList<ArtifactInfo>> ListArtifactsAsync(ExperimentId experimentId, RunId runId, string? path, CancellationToken cancellationToken);

    /// <summary>Opens one artifact file for reading; NotFound when absent.</summary>
    Task<Stream> OpenArtifactAsync(ExperimentId experimentId, RunId runId, string path, CancellationToken cancellationToken);

    /// <summary>
    /// The local path of the artifact (file or folder) at <paramref name="path"/>: the artifact itself when the
    /// store is local (read-only use), else a copy downloaded into a fresh temp folder that the caller owns. NotFound when absent.
    /// </summary>
    Task<string> GetLocalPathAsync(ExperimentId experimentId, RunId runId, string path, CancellationToken cancellationToken);
}
