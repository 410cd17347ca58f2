namespace Gyre.Server.Ui;

/// <summary>Content types by file extension, for the UI's own files and for the artifact files it previews.</summary>
internal static class UiContentTypes
{
    public const string OctetStream = "application/octet-stream";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".txt"] = "text/plain; charset=utf-8",
        [".log"] = "text/plain; charset=utf-8",
        [".md"] = "text/plain; charset=utf-8",
        [".csv"] = "text/plain; charset=utf-8",
        [".tsv"] = "text/plain; charset=utf-8",
        [".yaml"] = "text/plain; charset=utf-8",
        [".yml"] = "text/plain; charset=utf-8",
        [".py"] = "text/plain; charset=utf-8",
        [".toml"] = "text/plain; charset=utf-8",
        [".ini"] = "text/plain; charset=utf-8",
        [".cfg"] = "text/plain; charset=utf-8",
    };

    /// <summary>
    /// The content type for <paramref name="path"/>'s extension; MLflow's extension-less text files (<c>MLmodel</c>,
    /// <c>requirements</c>-style names are not guessed) count as text; anything unknown is <see cref="OctetStream"/>.
    /// </summary>
    public static string ForPath(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (name is "MLmodel" or "MLproject")
        {
            return "text/plain; charset=utf-8";
        }

        return ByExtension.TryGetValue(Path.GetExtension(name), out var type) ? type : OctetStream;
    }
}
