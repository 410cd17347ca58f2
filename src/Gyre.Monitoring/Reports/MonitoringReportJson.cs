using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Gyre.Core;

namespace Gyre.Monitoring.Reports;

/// <summary>
/// A <see cref="MonitoringReport"/> as JSON for scripts: <c>format_version</c> (1) then the report's fields in snake_case
/// (<c>title, generated_at, model, reference, current, drift, distributions, performance, fairness, warnings,
/// concept_drift</c>); enums as snake_case strings (e.g. <c>"kolmogorov_smirnov"</c>, <c>"missing_in_current"</c>);
/// each drift column also carries its computed <c>drifted</c> and <c>tested</c>. Non-finite numbers are written as
/// null, never NaN. <see cref="Deserialize"/> reads what <see cref="Serialize"/> wrote. Thread-safe.
/// </summary>
public static class MonitoringReportJson
{
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new FiniteDoubleConverter() },
    };

    public static string Serialize(MonitoringReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var node = JsonSerializer.SerializeToNode(report, Options)!.AsObject();
        var document = new JsonObject { ["format_version"] = FormatVersion };
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            document[key] = value;
        }

        return document.ToJsonString(Options);
    }

    /// <exception cref="GyreException">InvalidInput naming <paramref name="source"/> for malformed JSON or another format version.</exception>
    public static MonitoringReport Deserialize(string json, string source = "monitoring report JSON")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var node = JsonNode.Parse(json)?.AsObject() ?? throw GyreException.InvalidInput($"{source}: expected a JSON object.");
            var version = node["format_version"]?.GetValue<int>();
            if (version != FormatVersion)
            {
                throw GyreException.InvalidInput($"{source}: format_version {version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(missing)"}; this Gyre reads {FormatVersion}.");
            }

            return node.Deserialize<MonitoringReport>(Options) ?? throw GyreException.InvalidInput($"{source}: expected a report object.");
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or FormatException)
        {
            throw new GyreException(ErrorKind.InvalidInput, $"{source}: not a monitoring report: {error.Message}", error);
        }
    }

    /// <summary>Writes NaN and ±∞ as null (read back as NaN) so the output is strict JSON.</summary>
    private sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumberValue(value);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        public override bool HandleNull => true;
    }
}
