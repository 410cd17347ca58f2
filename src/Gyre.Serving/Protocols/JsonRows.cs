using System.Text.Json;
using Gyre.Serving.Models;
using Gyre.Training.Scoring;

namespace Gyre.Serving.Protocols;

/// <summary>
/// Shared pieces of the request parsers: named-feature objects, positional row arrays and the reader options.
/// All work on one <see cref="Utf8JsonReader"/> over the whole body, without building a document.
/// </summary>
public static class JsonRows
{
    /// <summary>Reader options: strict JSON, default depth limit (64).</summary>
    public static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    /// <summary>
    /// Reads the object at the reader (on StartObject) into <paramref name="row"/>: each property must name a field of
    /// the model. <paramref name="rowNumber"/>: the row's number for messages, or -1 for a single row.
    /// </summary>
    public static void ReadObject(ref Utf8JsonReader reader, FeatureFields fields, FeatureRow row, int rowNumber)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new BadRequestException(rowNumber < 0
                ? $"Expected a JSON object of named features; got {FeatureValueReader.Describe(reader.TokenType)}."
                : $"Row {rowNumber} must be a JSON object of named features; got {FeatureValueReader.Describe(reader.TokenType)}.");
        }

        var hint = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = reader.ValueIsEscaped ? fields.Find(reader.GetString()!) : fields.Find(reader.ValueSpan, hint);
            if (index < 0)
            {
                throw new BadRequestException(UnknownField(fields, reader.GetString()!, rowNumber));
            }

            hint = index + 1;
            reader.Read();
            FeatureValueReader.Read(ref reader, fields, index, row, rowNumber);
        }
    }

    /// <summary>Reads the array at the reader (on StartArray) as values in <paramref name="columns"/> order (signature indexes).</summary>
    public static void ReadPositional(ref Utf8JsonReader reader, FeatureFields fields, ReadOnlySpan<int> columns, FeatureRow row, int rowNumber)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new BadRequestException($"Row {rowNumber} must be an array of {columns.Length} values; got {FeatureValueReader.Describe(reader.TokenType)}.");
        }

        var position = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (position >= columns.Length)
            {
                throw new BadRequestException($"Row {rowNumber} has more than {columns.Length} values.");
            }

            FeatureValueReader.Read(ref reader, fields, columns[position], row, rowNumber);
            position++;
        }

        if (position != columns.Length)
        {
            throw new BadRequestException($"Row {rowNumber} has {position} values; expected {columns.Length}.");
        }
    }

    /// <summary>The message for a property that names no field of the model.</summary>
    public static string UnknownField(FeatureFields fields, string name, int rowNumber)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var where = rowNumber < 0 ? "" : $" (row {rowNumber})";
        var known = string.Join(", ", fields.Signature.Take(30).Select(c => c.Name));
        return $"Unknown field '{Truncate(name)}'{where}: the model's fields are {known}{(fields.Count > 30 ? ", ..." : "")}.";
    }

    /// <summary>Text from the caller, cut to a length fit for an error message.</summary>
    public static string Truncate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= 100 ? text : text[..100] + "...";
    }

    /// <summary>Reads the next token, failing with a clear message at the end of the body.</summary>
    public static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new BadRequestException("The JSON body ended early.");
        }
    }

    /// <summary>Checks nothing follows the top-level value.</summary>
    public static void End(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new BadRequestException("Unexpected content after the JSON value.");
        }
    }

    /// <summary>Every signature index, in order.</summary>
    public static int[] SignatureOrder(FeatureFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return [.. Enumerable.Range(0, fields.Count)];
    }
}
