using Gyre.Core;
using Gyre.Tracking;

namespace Gyre.Server.Api;

/// <summary>
/// A model version's <c>source</c>: checked when registered (no <c>..</c> path segments, also percent-encoded, as
/// MLflow) and resolved for download (<c>runs:/RUN_ID/path</c> → the run's artifact URI followed by the path).
/// </summary>
internal static class ModelSources
{
    private const string RunsScheme = "runs:/";

    /// <summary>InvalidInput naming <c>source</c> when it has a <c>..</c> segment.</summary>
    public static void Check(string source)
    {
        var decoded = Uri.UnescapeDataString(source);
        if (decoded.Split('/', '\\').Any(segment => segment == ".."))
        {
            throw GyreException.InvalidInput(
                $"Invalid model version source: '{source}'. A source must not contain '..' path segments; give the model's own location.");
        }
    }

    /// <summary>Where the version's files are: a <c>runs:/</c> source resolved through <paramref name="tracking"/>, any other source as is.</summary>
    public static async Task<string> DownloadUriAsync(string source, ITrackingStore tracking, CancellationToken cancellationToken)
    {
        if (!source.StartsWith(RunsScheme, StringComparison.Ordinal))
        {
            return source;
        }

        var rest = source[RunsScheme.Length..].TrimStart('/');
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var runId = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
        if (runId.Length == 0)
        {
            throw GyreException.InvalidInput($"Invalid model version source '{source}': expected runs:/RUN_ID/PATH.");
        }

        var run = await tracking.GetRunAsync(new RunId(runId), cancellationToken);
        var root = run.Info.ArtifactUri.TrimEnd('/');
        return path.Length == 0 ? root : root + "/" + path;
    }
}
