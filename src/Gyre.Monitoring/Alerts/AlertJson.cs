using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gyre.Monitoring.Alerts;

/// <summary>The JSON conventions of alert files and payloads: snake_case names and enums, NaN/Infinity as named literals.</summary>
internal static class AlertJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = false,
    };
}
