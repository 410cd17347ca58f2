using Gyre.Core;
using Gyre.Stores.S3;
using Gyre.Tracking.Artifacts;

namespace Gyre.Server;

/// <summary>
/// Opens the artifact repository behind a server's artifact proxy from <c>--artifacts-destination</c>: a local
/// folder (relative paths resolve against the process's working folder), a <c>file://</c> URI, or
/// <c>s3://bucket/prefix</c> (endpoint and credentials from the environment). Thread-safe (stateless).
/// </summary>
public static class ArtifactDestinations
{
    /// <summary>The repository for <paramref name="destination"/>; the caller owns it (dispose it when it is <see cref="IDisposable"/>).</summary>
    public static IArtifactRepository Open(string destination, Func<string, string?> environmentVariable)
    {
        ArgumentNullException.ThrowIfNull(environmentVariable);
        Validate(destination);
        var trimmed = destination.Trim();
        if (trimmed.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return S3ArtifactRepository.Create(trimmed, S3ConnectionSettings.FromEnvironment(environmentVariable));
        }

        return new LocalArtifactRepository(LocalFolder(trimmed));
    }

    /// <summary>Checks the form of a destination; InvalidInput naming <c>--artifacts-destination</c>.</summary>
    public static void Validate(string? destination)
    {
        if (string.IsNullOrWhiteSpace(destination))
        {
            throw Invalid("it is empty");
        }

        var trimmed = destination.Trim();
        if (trimmed.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            if (trimmed.Length == "s3://".Length || trimmed["s3://".Length] == '/')
            {
                throw Invalid("an S3 destination names a bucket, e.g. s3://my-bucket/mlartifacts");
            }

            return;
        }

        if (ArtifactUris.IsUri(trimmed) && !trimmed.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid($"'{trimmed.Split(':')[0]}:' destinations are not supported; use a local folder or s3://BUCKET/PREFIX");
        }

        _ = LocalFolder(trimmed);
    }

    private static string LocalFolder(string destination)
    {
        if (!destination.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return Path.GetFullPath(destination);
        }

        if (!Uri.TryCreate(destination, UriKind.Absolute, out var uri) || !uri.IsFile || !string.IsNullOrEmpty(uri.Host))
        {
            throw Invalid("a file URI names a local folder, e.g. file:///srv/gyre/artifacts");
        }

        return uri.LocalPath;
    }

    private static GyreException Invalid(string reason) => GyreException.InvalidInput($"Invalid value for --artifacts-destination: {reason}.");
}
