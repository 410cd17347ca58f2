using System.Text.RegularExpressions;
using Gyre.Core;

namespace Gyre.Tracking.Artifacts;

/// <summary>
/// Checks and splits relative artifact paths ('/'-separated, relative to an artifact root).
/// Refused (InvalidInput naming the path): absolute paths, drive or URI prefixes, backslashes, ':',
/// '.' and '..' parts, empty parts, control characters (NUL included), and percent-encoded '.', '/',
/// '\', '%' or control characters, so that no encoded or double-encoded variant (<c>%2e%2e</c>,
/// <c>%2F</c>, <c>%252e</c>) can turn into a separator or a parent reference further down. The path is
/// also percent-decoded until it stops changing and every stage must pass the same checks. A valid
/// path is used literally (never decoded). Thread-safe (stateless).
/// </summary>
public static partial class ArtifactPath
{
    private const int MaxDecodings = 10;

    /// <summary>The path's parts; empty for null or "" (the root). A single trailing '/' is allowed.</summary>
    public static IReadOnlyList<string> Split(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return [];
        }

        var trimmed = path.EndsWith('/') ? path[..^1] : path;
        if (EncodedSpecialCharacter().IsMatch(trimmed))
        {
            throw Unsafe(path, "percent-encoded '.', '/', '\\', '%' and control characters are not allowed");
        }

        var candidate = trimmed;
        for (var stage = 0; ; stage++)
        {
            CheckLiteral(path, candidate);
            var decoded = Uri.UnescapeDataString(candidate);
            if (decoded == candidate)
            {
                break;
            }

            if (stage == MaxDecodings)
            {
                throw Unsafe(path, "it is percent-encoded too many times");
            }

            candidate = decoded;
        }

        return trimmed.Split('/');
    }

    /// <summary>The canonical form of a valid path (no trailing '/'); "" for the root.</summary>
    public static string Normalize(string? path) => string.Join('/', Split(path));

    /// <summary>Joins two paths that are each valid or "" into one canonical path.</summary>
    public static string Combine(string? first, string? second)
    {
        var head = Normalize(first);
        var tail = Normalize(second);
        return head.Length == 0 ? tail : tail.Length == 0 ? head : $"{head}/{tail}";
    }

    private static void CheckLiteral(string path, string candidate)
    {
        if (candidate.Length == 0 || candidate.StartsWith('/'))
        {
            throw Unsafe(path, "it must be relative to the artifact root");
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

    private static GyreException Unsafe(string path, string reason) =>
        GyreException.InvalidInput($"Invalid artifact path '{path}': {reason}.");

    /// <summary>%2E '.', %2F '/', %5C '\', %25 '%', %00-%1F and %7F control characters (any case).</summary>
    [GeneratedRegex("%(?:2[eEfF]|5[cC]|25|[01][0-9a-fA-F]|7[fF])", RegexOptions.CultureInvariant)]
    private static partial Regex EncodedSpecialCharacter();
}
