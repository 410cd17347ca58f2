using System.Text;
using System.Text.Json;
using Gyre.Core;

namespace Gyre.Stores.Sql;

/// <summary>
/// The page token of inference log searches: base64 of <c>{"time": T, "id": N}</c>, the (time, id) of the last
/// record returned; the next page starts after it. Keyset paging rather than MLflow's offsets, because the log
/// grows while it is read (a record logged late with an early time would shift every offset) and is long (an
/// offset makes the database skip every earlier row). Callers treat tokens as opaque. Thread-safe (stateless).
/// </summary>
internal static class InferencePageToken
{
    public static string Encode(long time, long id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{{\"time\": {time}, \"id\": {id}}}")));

    /// <summary>The (time, id) a token encodes; null for a null or empty token. A malformed token is InvalidInput.</summary>
    public static (long Time, long Id)? Decode(string? pageToken)
    {
        if (string.IsNullOrEmpty(pageToken))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(Convert.FromBase64String(pageToken));
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("time", out var time) && time.ValueKind == JsonValueKind.Number && time.TryGetInt64(out var timeValue)
                && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var idValue))
            {
                return (timeValue, idValue);
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
