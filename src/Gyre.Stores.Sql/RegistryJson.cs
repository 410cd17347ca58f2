using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gyre.Stores.Sql;

/// <summary>JSON for the registry's stored documents (audit details, package metrics). NaN and ±Infinity are written as strings. Thread-safe.</summary>
internal static class RegistryJson
{
    public static readonly JsonSerializerOptions Options = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>A JSON object of the given properties, in order.</summary>
    public static string Object(params (string Name, object? Value)[] properties)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in properties)
        {
            map[name] = value;
        }

        return JsonSerializer.Serialize(map, Options);
    }

    public static string Metrics(IReadOnlyDictionary<string, double> metrics) => JsonSerializer.Serialize(metrics, Options);

    public static IReadOnlyDictionary<string, double> ParseMetrics(string? json) =>
        json is null ? new Dictionary<string, double>() : JsonSerializer.Deserialize<Dictionary<string, double>>(json, Options) ?? [];
}
