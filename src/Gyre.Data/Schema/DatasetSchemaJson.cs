using System.Text;
using System.Text.Json;
using Gyre.Core;
using Gyre.Data.Tables;
using Gyre.Data.Files;

namespace Gyre.Data.Schema;

/// <summary>
/// Saves and loads a <see cref="DatasetSchema"/> as JSON:
/// <c>{"format_version":1,"columns":[{"name":"age","type":"numeric","nullable":false,"categories":null},…]}</c>.
/// Types are written in lower case and read ignoring case. Saving is atomic (temp file, then move).
/// Loading a malformed file throws InvalidInput naming the file and the field at fault; a missing file throws NotFound.
/// </summary>
public static class DatasetSchemaJson
{
    public const int FormatVersion = 1;

    public static string Serialize(DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format_version", FormatVersion);
            writer.WriteStartArray("columns");
            foreach (var column in schema.Columns)
            {
                writer.WriteStartObject();
                writer.WriteString("name", column.Name);
                writer.WriteString("type", column.Type.ToString().ToLowerInvariant());
                writer.WriteBoolean("nullable", column.Nullable);
                if (column.Categories is null)
                {
                    writer.WriteNull("categories");
                }
                else
                {
                    writer.WriteStartArray("categories");
                    foreach (var category in column.Categories)
                    {
                        writer.WriteStringValue(category);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <param name="source">Names the JSON in messages (usually its file path).</param>
    public static DatasetSchema Deserialize(string json, string source = "schema JSON")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new GyreException(ErrorKind.InvalidInput, $"{source}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, "$", "expected a JSON object");
            }

            if (!root.TryGetProperty("format_version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v))
            {
                throw Invalid(source, "format_version", "missing or not an integer");
            }

            if (v != FormatVersion)
            {
                throw Invalid(source, "format_version", $"version {v} is not supported (expected {FormatVersion})");
            }

            if (!root.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(source, "columns", "missing or not an array");
            }

            var result = new List<ColumnSchema>();
            var index = 0;
            foreach (var column in columns.EnumerateArray())
            {
                result.Add(ReadColumn(source, $"columns[{index++}]", column));
            }

            try
            {
                return new DatasetSchema(result);
            }
            catch (GyreException ex)
            {
                throw new GyreException(ErrorKind.InvalidInput, $"{source}, field 'columns': {ex.Message}", ex);
            }
        }
    }

    public static async Task SaveAsync(DatasetSchema schema, string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await AtomicFile.WriteAllTextAsync(path, Serialize(schema), cancellationToken);
    }

    public static async Task<DatasetSchema> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw GyreException.NotFound($"Schema file '{path}' does not exist.");
        }

        var json = await File.ReadAllTextAsync(path, cancellationToken);
        return Deserialize(json, path);
    }

    private static ColumnSchema ReadColumn(string source, string at, JsonElement column)
    {
        if (column.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(source, at, "expected an object");
        }

        if (!column.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(nameElement.GetString()))
        {
            throw Invalid(source, $"{at}.name", "missing, empty or not a string");
        }

        if (!column.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw Invalid(source, $"{at}.type", "missing or not a string");
        }

        var typeText = typeElement.GetString()!;
        if (!Enum.TryParse<ColumnType>(typeText, ignoreCase: true, out var type) || !Enum.IsDefined(type) || typeText.Any(char.IsDigit))
        {
            throw Invalid(source, $"{at}.type", $"'{typeText}' is not one of {string.Join(", ", Enum.GetNames<ColumnType>().Select(n => n.ToLowerInvariant()))}");
        }

        var nullable = true;
        if (column.TryGetProperty("nullable", out var nullableElement))
        {
            nullable = nullableElement.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Invalid(source, $"{at}.nullable", "not a boolean"),
            };
        }

        string[]? categories = null;
        if (column.TryGetProperty("categories", out var categoriesElement) && categoriesElement.ValueKind != JsonValueKind.Null)
        {
            if (categoriesElement.ValueKind != JsonValueKind.Array || categoriesElement.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                throw Invalid(source, $"{at}.categories", "not an array of strings");
            }

            if (type != ColumnType.Categorical)
            {
                throw Invalid(source, $"{at}.categories", $"only categorical columns have categories, but the type is '{typeText}'");
            }

            categories = [.. categoriesElement.EnumerateArray().Select(e => e.GetString()!)];
        }

        return new ColumnSchema(nameElement.GetString()!, type, nullable, categories);
    }

    private static GyreException Invalid(string source, string field, string problem) =>
        GyreException.InvalidInput($"{source}, field '{field}': {problem}.");
}
