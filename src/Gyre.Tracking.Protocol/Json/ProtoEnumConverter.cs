using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gyre.Tracking.Protocol.Json;

/// <summary>
/// A protobuf enum in MLflow's JSON: written as its proto name (<c>"RUNNING"</c>), read from the name
/// (case-insensitive) or the proto number, as a JSON number or a string. Anything else fails with a
/// <see cref="JsonException"/>. Thread-safe (immutable).
/// </summary>
internal sealed class ProtoEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private readonly Dictionary<TEnum, string> names;
    private readonly Dictionary<string, TEnum> byName;
    private readonly Dictionary<int, TEnum> byNumber;

    /// <param name="values">Each value with its proto name and number.</param>
    public ProtoEnumConverter(IReadOnlyList<(TEnum Value, string Name, int Number)> values)
    {
        names = values.ToDictionary(v => v.Value, v => v.Name);
        byName = values.ToDictionary(v => v.Name, v => v.Value, StringComparer.OrdinalIgnoreCase);
        byNumber = values.ToDictionary(v => v.Number, v => v.Value);
    }

    /// <summary>The proto names, for messages.</summary>
    public IEnumerable<string> Names => names.Values;

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number) && byNumber.TryGetValue(number, out var numbered))
        {
            return numbered;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString()!;
            if (byName.TryGetValue(text, out var named))
            {
                return named;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out number) && byNumber.TryGetValue(number, out numbered))
            {
                return numbered;
            }
        }

        throw new JsonException($"expected one of {string.Join(", ", names.Values)}");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(names.TryGetValue(value, out var name) ? name : throw new JsonException($"{typeof(TEnum).Name} {value} has no MLflow name."));
    }
}
