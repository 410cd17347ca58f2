namespace Gyre.Tracking.Protocol;

/// <summary>
/// The request headers that name a registry write's actor for a Gyre server: <see cref="User"/> (used only when no API
/// token authenticates the request; a token's name wins) and <see cref="Reason"/> (recorded in the audit log). HTTP
/// header values are ASCII, so a value with other characters travels as RFC 8187's extended value,
/// <c>UTF-8''</c> followed by its percent-encoded UTF-8 bytes. Thread-safe (stateless).
/// </summary>
public static class RegistryActorHeaders
{
    public const string User = "X-Gyre-User";

    public const string Reason = "X-Gyre-Reason";

    private const string ExtendedPrefix = "UTF-8''";

    /// <summary>The header value for <paramref name="value"/>: as is when it is printable ASCII, else the extended form.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var plain = value.All(c => c is >= ' ' and <= '~') && !value.StartsWith(ExtendedPrefix, StringComparison.OrdinalIgnoreCase);
        return plain ? value : ExtendedPrefix + Uri.EscapeDataString(value);
    }

    /// <summary>The value a header carries (the extended form decoded; a malformed one is kept as sent).</summary>
    public static string Decode(string headerValue)
    {
        ArgumentNullException.ThrowIfNull(headerValue);
        if (!headerValue.StartsWith(ExtendedPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return headerValue;
        }

        try
        {
            return Uri.UnescapeDataString(headerValue[ExtendedPrefix.Length..]);
        }
        catch (UriFormatException)
        {
            return headerValue;
        }
    }
}
