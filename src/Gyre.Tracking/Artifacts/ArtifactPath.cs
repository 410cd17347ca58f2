using Gyre.Core;

namespace Gyre.Tracking.Artifacts;

/// <summary>
/// Checks and splits relative artifact paths ('/'-separated, relative to a run's artifact root).
/// Refused (InvalidInput naming the path): absolute paths, drive or URI prefixes, backslashes, '.' and '..'
/// parts (also when percent-encoded), empty parts, and control characters. Thread-safe (stateless).
/// </summary>
public static class ArtifactPath
{
    /// <summary>The path's parts; empty for null or "" (the run's root). A single trailing '/' is allowed.</summary>
    public static IReadOnlyList<string> Split(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return [];
        }

        var trimmed = path.EndsWith('/') ? path[..^1] : path;
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(trimmed);
        }
        catch (UriFormatException)
        {
            throw Unsafe(path, "it is not a valid path");
        }

        foreach (var candidate in new[] { trimmed, decoded })
        {
            if (candidate.Length == 0 || candidate.StartsWith('/'))
            {
                throw Unsafe(path, "it must be relative to the run's artifact root");
            }

            if (candidate.Contains('\\', StringComparison.Ordinal) || candidate.Contains(':', StringComparison.Ordinal))
            {
                throw Unsafe(path, "backslashes and ':' are not allowed; separate folders with '/'");
            }

            if (candidate.Any(char.IsControl))
            {
                throw Unsafe(path, "control characters are not allowed");
            }

            if (candidate.Split('/').Any(part => part.Length == 0 || part == "." || part == ".."))
            {
                throw Unsafe(path, "'.', '..' and empty parts are not allowed");
            }
        }

        return trimmed.Split('/');
    }

    /// <summary>The canonical form of a valid path (no trailing '/'); "" for the root.</summary>
    public static string Normalize(string? path) => string.Join('/', Split(path));

    private static GyreException Unsafe(string path, string reason) =>
        GyreException.InvalidInput($"Invalid artifact path '{path}': {reason}.");
}
