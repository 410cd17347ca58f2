using Gyre.Core;
using Gyre.Tracking.Artifacts;

namespace Gyre.Server.Api;

/// <summary>
/// Where a run's artifact URI lies in the server's artifact repository: <c>mlflow-artifacts:/P</c> (also with a
/// host, <c>mlflow-artifacts://host:port/P</c>) is path P of the repository; a URI under the repository's own
/// root (e.g. <c>file:///srv/artifacts/0/RUN/artifacts</c> of runs logged locally before the server ran) is the
/// path below that root. Anything else is not served here (InvalidInput naming the URI).
/// </summary>
internal static class RunArtifactRoots
{
    private const string ProxyScheme = "mlflow-artifacts:";

    /// <summary>The repository-relative folder of <paramref name="artifactUri"/>, normalised by <see cref="ArtifactPath"/>.</summary>
    public static string RepositoryPath(string artifactUri, IArtifactRepository repository)
    {
        string? relative = null;
        if (artifactUri.StartsWith(ProxyScheme, StringComparison.OrdinalIgnoreCase))
        {
            var rest = artifactUri[ProxyScheme.Length..];
            if (rest.StartsWith("//", StringComparison.Ordinal))
            {
                var slash = rest.IndexOf('/', 2);
                rest = slash < 0 ? "" : rest[slash..];
            }

            relative = rest.TrimStart('/');
        }
        else if (artifactUri == repository.RootUri)
        {
            relative = "";
        }
        else if (artifactUri.StartsWith(repository.RootUri + "/", StringComparison.Ordinal))
        {
            relative = artifactUri[(repository.RootUri.Length + 1)..];
        }

        if (relative is null)
        {
            throw GyreException.InvalidInput(
                $"The run's artifacts are stored at '{artifactUri}', outside this server's artifact destination '{repository.RootUri}'; the server cannot list them.");
        }

        return ArtifactPath.Normalize(relative);
    }
}
