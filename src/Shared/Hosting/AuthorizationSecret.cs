using System.Text;

namespace Gyre.Hosting;

/// <summary>
/// Reads an API token's secret from an <c>Authorization</c> header value: <c>Bearer SECRET</c>, or <c>Basic</c> with the
/// secret as the password (MLflow clients send user:password). Source shared by both host assemblies (linked, internal).
/// </summary>
internal static class AuthorizationSecret
{
    /// <summary>The secret, or null when the header is absent, malformed or of another scheme.</summary>
    public static string? Read(string header)
    {
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return null;
        }

        var scheme = header[..space];
        var value = header[(space + 1)..].Trim();
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return value.Length > 0 ? value : null;
        }

        if (!scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(value));
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 && colon < credentials.Length - 1 ? credentials[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
