using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gyre.Training.Packaging;

/// <summary>The JSON settings of manifest.json: snake_case names and enum values, NaN allowed (metrics), indented.</summary>
internal static class PackageJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };
}
