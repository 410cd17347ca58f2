namespace Gyre.Tracking.Artifacts;

/// <summary>
/// Runs' artifacts in a local folder: an <see cref="ArtifactStore"/> over a <see cref="LocalArtifactRepository"/>,
/// so a run's files live in <c>&lt;root&gt;/&lt;experiment id&gt;/&lt;run id&gt;/artifacts/</c>, writes are atomic
/// (concurrent writers of one path end with one complete winner), and <see cref="ArtifactStore.GetLocalPathAsync"/>
/// returns files in place. Thread-safe.
/// </summary>
public sealed class LocalArtifactStore : ArtifactStore
{
    /// <param name="rootFolder">The artifact root folder; created on first write.</param>
    public LocalArtifactStore(string rootFolder)
        : this(new LocalArtifactRepository(rootFolder))
    {
    }

    private LocalArtifactStore(LocalArtifactRepository repository)
        : base(repository) => RootFolder = repository.RootFolder;

    /// <summary>The absolute artifact root folder.</summary>
    public string RootFolder { get; }
}
