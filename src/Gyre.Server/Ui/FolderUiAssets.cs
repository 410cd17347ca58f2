namespace Gyre.Server.Ui;

/// <summary>
/// The UI files read from a folder at every request (<c>GYRE_UI_DEV_DIR</c>), so the front end can be edited
/// without rebuilding the server. Paths resolving outside the folder are never found.
/// </summary>
internal sealed class FolderUiAssets(string folder) : IUiAssetSource
{
    private readonly string root = Path.GetFullPath(folder);

    public UiAsset? Find(string path)
    {
        if (path.Length == 0 || path.Split('/').Any(segment => segment is "" or "." or ".." || segment.Contains('\\', StringComparison.Ordinal)))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(root, path));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return null;
        }

        try
        {
            return EmbeddedUiAssets.Create(path, File.ReadAllBytes(full));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
