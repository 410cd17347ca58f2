using System.Text;
using System.Text.Json;
using Gyre.Core;

namespace Gyre.Tracking;

/// <summary>
/// MLflow's page-token format, base64 of <c>{"offset": N}</c>, for stores that page by row offset.
/// Callers treat tokens as opaque. Thread-safe (stateless).
/// </summary>
public static class OffsetPageToken
{
    /// <summary>The token for the page starting at <paramref name="offset"/> (rows to skip, ≥ 0).</summary>
    public static string Encode(long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"offset\": {offset}}}"));
    }

    /// <summary>The offset a token encodes; 0 for a null or empty token. A malformed token is InvalidInput.</summary>
    public static long Decode(string? pageToken)
    {
        if (string.IsNullOrEmpty(pageToken))
        {
            return 0;
        }

        try
        {
            var bytes = Convert.FromBase64String(pageToken);
            using var json = JsonDocument.Parse(bytes);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("offset", out var offset)
                && offset.ValueKind == JsonValueKind.Number
                && offset.TryGetInt64(out var value)
                && value >= 0)
            {
                return value;
            }
        }
        catch (FormatException)
        {
            // Falls through to the InvalidInput below: not base64.
        }
        catch (JsonException)
        {
            // Falls through to the InvalidInput below: not JSON.
        }

        throw GyreException.InvalidInput($"Invalid page token '{pageToken}': pass back a next_page_token exactly as a search returned it.");
    }
}
