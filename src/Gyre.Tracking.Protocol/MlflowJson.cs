using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Gyre.Core;
using Gyre.Registry;
using Gyre.Tracking.Protocol.Json;

namespace Gyre.Tracking.Protocol;

/// <summary>
/// MLflow's JSON dialect for the messages in <c>Gyre.Tracking.Protocol.Messages</c>. Writing: proto (snake_case) field
/// names, null fields and empty lists omitted, int64 as JSON numbers, enums as their proto names, NaN and
/// ±Infinity as <c>"NaN"</c>/<c>"Infinity"</c>/<c>"-Infinity"</c>. Reading is lenient as MLflow's proto
/// parser: numbers may be quoted, enums given by name or number, strings given as numbers, unknown fields
/// are ignored, an empty body is <c>{}</c> and a body that is a JSON string holding JSON is decoded twice;
/// booleans are strict. Every reading failure is a <see cref="GyreException"/> of kind InvalidInput naming
/// the field (e.g. <c>metrics[3].value</c>). Thread-safe.
/// </summary>
public static partial class MlflowJson
{
    private static readonly ProtoEnumConverter<RunStatus> RunStatusConverter = new(
    [
        (RunStatus.Running, "RUNNING", 1),
        (RunStatus.Scheduled, "SCHEDULED", 2),
        (RunStatus.Finished, "FINISHED", 3),
        (RunStatus.Failed, "FAILED", 4),
        (RunStatus.Killed, "KILLED", 5),
    ]);

    private static readonly ProtoEnumConverter<ViewType> ViewTypeConverter = new(
    [
        (ViewType.ActiveOnly, "ACTIVE_ONLY", 1),
        (ViewType.DeletedOnly, "DELETED_ONLY", 2),
        (ViewType.All, "ALL", 3),
    ]);

    private static readonly ProtoEnumConverter<ModelVersionStatus> ModelVersionStatusConverter = new(
    [
        (ModelVersionStatus.PendingRegistration, "PENDING_REGISTRATION", 1),
        (ModelVersionStatus.FailedRegistration, "FAILED_REGISTRATION", 2),
        (ModelVersionStatus.Ready, "READY", 3),
    ]);

    /// <summary>The serializer options of the dialect (read-only; share them, do not modify).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The proto name of a run status (<c>"RUNNING"</c>, ...).</summary>
    public static string Name(RunStatus status) => JsonSerializer.Serialize(status, Options).Trim('"');

    /// <summary>The proto name of a view type (<c>"ACTIVE_ONLY"</c>, ...).</summary>
    public static string Name(ViewType viewType) => JsonSerializer.Serialize(viewType, Options).Trim('"');

    /// <summary>A message as UTF-8 JSON.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T message) => JsonSerializer.SerializeToUtf8Bytes(message, Options);

    /// <summary>A message as JSON text.</summary>
    public static string Serialize<T>(T message) => JsonSerializer.Serialize(message, Options);

    /// <summary>Writes a message (of its runtime type) as UTF-8 JSON to <paramref name="stream"/>.</summary>
    public static Task SerializeAsync(Stream stream, object message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.SerializeAsync(stream, message, message.GetType(), Options, cancellationToken);
    }

    /// <summary>
    /// Reads a request body. Empty (or whitespace, or <c>null</c>) = a message with no fields set. InvalidInput
    /// for malformed JSON, a body that is not an object, or a field of the wrong type.
    /// </summary>
    public static T Deserialize<T>(ReadOnlyMemory<byte> utf8Json)
        where T : new()
    {
        if (IsBlank(utf8Json.Span))
        {
            return new T();
        }

        using var document = Parse(utf8Json);
        if (document.RootElement.ValueKind == JsonValueKind.String)
        {
            // Old clients post the JSON text as a JSON string; MLflow decodes it a second time.
            var inner = document.RootElement.GetString()!;
            if (string.IsNullOrWhiteSpace(inner))
            {
                return new T();
            }

            using var innerDocument = Parse(System.Text.Encoding.UTF8.GetBytes(inner));
            return FromElement<T>(innerDocument.RootElement);
        }

        return FromElement<T>(document.RootElement);
    }

    /// <summary>Reads a response body or any JSON text in the dialect (same rules as <see cref="Deserialize{T}(ReadOnlyMemory{byte})"/>).</summary>
    public static T Deserialize<T>(string json)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(json);
        return Deserialize<T>(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>
    /// Builds a request from query-string parameters, as MLflow reads GET requests: parameters are named
    /// like the proto fields, a repeated key fills a list field (a single key is a one-item list), bool
    /// fields take <c>true</c>/<c>false</c>, numbers and enums are parsed leniently, unknown keys are ignored.
    /// </summary>
    public static T FromQuery<T>(IEnumerable<KeyValuePair<string, IReadOnlyList<string?>>> query)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(query);
        var typeInfo = Options.GetTypeInfo(typeof(T));
        var json = new JsonObject();
        foreach (var (key, values) in query)
        {
            var property = typeInfo.Properties.FirstOrDefault(p => p.Name == key);
            var present = values.Where(v => v is not null).Select(v => v!).ToList();
            if (property is null || present.Count == 0)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (ListElementType(type) is not null)
            {
                json[key] = new JsonArray([.. present.Select(v => (JsonNode?)JsonValue.Create(v))]);
            }
            else if (type == typeof(bool))
            {
                json[key] = present[0] switch
                {
                    var v when v.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
                    var v when v.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
                    var v => throw InvalidValue(key, $"expected true or false, got '{v}'"),
                };
            }
            else
            {
                json[key] = JsonValue.Create(present[0]);
            }
        }

        try
        {
            return json.Deserialize<T>(Options) ?? new T();
        }
        catch (JsonException e)
        {
            throw ConversionError(typeof(T), e);
        }
    }

    private static T FromElement<T>(JsonElement element)
        where T : new()
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return new T();
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw GyreException.InvalidInput($"Invalid request body: expected a JSON object, got a JSON {element.ValueKind.ToString().ToLowerInvariant()}.");
        }

        try
        {
            return element.Deserialize<T>(Options) ?? new T();
        }
        catch (JsonException e)
        {
            throw ConversionError(typeof(T), e);
        }
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            return JsonDocument.Parse(utf8Json);
        }
        catch (JsonException e)
        {
            throw GyreException.InvalidInput($"Malformed JSON in the request body: {e.Message}");
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> utf8) => utf8.TrimStart(" \t\r\n"u8).IsEmpty;

    /// <summary>Turns a type mismatch into MLflow's "Invalid value" error naming the field and what it expects.</summary>
    private static GyreException ConversionError(Type root, JsonException error)
    {
        var path = error.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : error.Path?.TrimStart('$') ?? "";
        var expected = error.Message.StartsWith("expected ", StringComparison.Ordinal)
            ? error.Message.Split(". Path:", 2)[0]
            : "expected " + Describe(TypeAt(root, error.Path));
        return path.Length == 0
            ? GyreException.InvalidInput($"Invalid request: {expected}.")
            : InvalidValue(path, expected);
    }

    private static GyreException InvalidValue(string field, string expected) =>
        GyreException.InvalidInput($"Invalid value for parameter '{field}' supplied: {expected}.");

    /// <summary>The declared type at a serializer path such as <c>$.metrics[3].value</c>; null when unknown.</summary>
    private static Type? TypeAt(Type root, string? path)
    {
        if (path is null)
        {
            return null;
        }

        Type? current = root;
        foreach (Match part in PathPart().Matches(path))
        {
            if (current is null)
            {
                return null;
            }

            current = Nullable.GetUnderlyingType(current) ?? current;
            if (part.Groups["index"].Success)
            {
                current = ListElementType(current);
            }
            else
            {
                var name = part.Groups["name"].Success ? part.Groups["name"].Value : part.Groups["quoted"].Value;
                current = Options.GetTypeInfo(current).Properties.FirstOrDefault(p => p.Name == name)?.PropertyType;
            }
        }

        return current;
    }

    private static string Describe(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            null => "a value of another type",
            _ when type == typeof(string) => "a string",
            _ when type == typeof(long) || type == typeof(int) => "an integer",
            _ when type == typeof(double) => "a number (or \"NaN\", \"Infinity\", \"-Infinity\")",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(RunStatus) => "one of " + string.Join(", ", RunStatusConverter.Names),
            _ when type == typeof(ViewType) => "one of " + string.Join(", ", ViewTypeConverter.Names),
            _ when type == typeof(ModelVersionStatus) => "one of " + string.Join(", ", ModelVersionStatusConverter.Names),
            _ when ListElementType(type) is not null => "a list",
            _ => "an object",
        };
    }

    private static Type? ListElementType(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType
            ? type.GetGenericArguments()[0]
            : type.IsArray ? type.GetElementType() : null;

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyLists } },
            Converters = { RunStatusConverter, ViewTypeConverter, ModelVersionStatusConverter, new LenientStringConverter() },
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>MLflow (like protobuf's JSON) omits empty repeated fields: <c>{}</c>, not <c>{"runs": []}</c>.</summary>
    private static void OmitEmptyLists(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = static (_, value) => value switch
                {
                    null => false,
                    ICollection collection => collection.Count > 0,
                    IEnumerable sequence => sequence.GetEnumerator().MoveNext(),
                    _ => true,
                };
            }
        }
    }

    [GeneratedRegex(@"\.(?<name>[A-Za-z0-9_]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex PathPart();
}
