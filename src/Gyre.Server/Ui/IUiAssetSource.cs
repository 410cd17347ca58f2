namespace Gyre.Server.Ui;

/// <summary>Where the web UI's files come from: the assembly's embedded resources, or a folder during front-end work. Thread-safe.</summary>
internal interface IUiAssetSource
{
    /// <summary>
    /// The file at <paramref name="path"/> (relative to the UI folder, '/'-separated, e.g. <c>index.html</c>,
    /// <c>pages/runs.js</c>), or null when there is none. Paths with empty, '.' or '..' segments are never found.
    /// </summary>
    UiAsset? Find(string path);
}
