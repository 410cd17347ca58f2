using System.Text.Json;
using System.Text.Json.Serialization;
using Gyre.Core;

namespace Gyre.Monitoring.Profiles;

/// <summary>The JSON settings shared by every profile type: snake_case names fixed by attributes, ±∞ allowed.</summary>
internal static class SketchJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    public static string Serialize<T>(T state) => JsonSerializer.Serialize(state, Options);

    /// <exception cref="GyreException">InvalidInput naming <paramref name="source"/> when the JSON is malformed or empty.</exception>
    public static T Deserialize<T>(string json, string source)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw GyreException.InvalidInput($"Profile JSON in {source} is null.");
        }
        catch (JsonException error)
        {
            throw new GyreException(ErrorKind.InvalidInput, $"Profile JSON in {source} is malformed: {error.Message}", error);
        }
    }

    /// <summary>Throws InvalidInput naming the source and field when <paramref name="value"/> is null.</summary>
    public static T Required<T>(T? value, string field, string source)
        where T : class =>
        value ?? throw GyreException.InvalidInput($"Profile JSON in {source} lacks the field '{field}'.");
}
