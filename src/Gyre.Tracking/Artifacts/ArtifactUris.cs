using System.Text.RegularExpressions;
using Gyre.Core;

namespace Gyre.Tracking.Artifacts;

/// <summary>
/// How artifact locations are derived from an artifact root, as MLflow derives them:
/// experiment location = <c>root/&lt;experiment id&gt;</c>, run artifact URI =
/// <c>experiment location/&lt;run id&gt;/artifacts</c>. A root is either a URI prefix (any
/// <c>scheme:</c> of two or more characters, e.g. <c>s3://bucket/mlruns</c>, <c>mlflow-artifacts:/</c>) used as
/// given, or a local folder, turned into an absolute <c>file://</c> URI. Thread-safe (stateless).
/// </summary>
public static partial class ArtifactUris
{
    /// <summary>The root as a URI without a trailing '/'. A local folder becomes absolute and <c>file://</c>.</summary>
    public static string NormalizeRoot(string artifactRoot)
    {
        if (string.IsNullOrWhiteSpace(artifactRoot))
        {
            throw GyreException.InvalidInput("The artifact root must be a non-empty folder path or URI.");
        }

        var uri = IsUri(artifactRoot)
            ? artifactRoot
            : new Uri(Path.GetFullPath(artifactRoot)).AbsoluteUri;
        return uri.TrimEnd('/');
    }

    /// <summary>Whether <paramref name="artifactRoot"/> is a URI (has a scheme of two or more characters) rather than a local path.</summary>
    public static bool IsUri(string artifactRoot)
    {
        ArgumentNullException.ThrowIfNull(artifactRoot);
        return SchemePattern().IsMatch(artifactRoot);
    }

    /// <summary>An experiment's artifact location under a root normalised by <see cref="NormalizeRoot"/>.</summary>
    public static string ForExperiment(string normalizedRoot, ExperimentId experimentId)
    {
        ArgumentNullException.ThrowIfNull(normalizedRoot);
        return $"{normalizedRoot.TrimEnd('/')}/{experimentId.Value}";
    }

    /// <summary>A run's artifact URI under its experiment's artifact location.</summary>
    public static string ForRun(string experimentLocation, RunId runId)
    {
        ArgumentNullException.ThrowIfNull(experimentLocation);
        return $"{experimentLocation.TrimEnd('/')}/{runId.Value}/artifacts";
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]+:", RegexOptions.CultureInvariant)]
    private static partial Regex SchemePattern();
}
