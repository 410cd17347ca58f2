using System.Globalization;
using System.Text;
using System.Text.Json;
using Gyre.Data.Tables;
using Gyre.Serving.Models;
using Gyre.Training.Scoring;

namespace Gyre.Serving.Protocols;

/// <summary>
/// Reads one JSON value into a feature slot, checking it against the field's type: numbers (and "NaN",
/// "Infinity", "-Infinity" strings) for numeric fields, true/false or 0/1 for boolean fields, strings (or numbers,
/// by their text) for categorical and text fields, ISO 8601 strings for date-time fields; null is a missing value.
/// Anything else is a <see cref="BadRequestException"/> naming the field (and the row, in a batch).
/// </summary>
public static class FeatureValueReader
{
    /// <summary>Reads the value at <paramref name="reader"/>'s current token into slot <paramref name="index"/> of <paramref name="row"/>.</summary>
    public static void Read(ref Utf8JsonReader reader, FeatureFields fields, int index, FeatureRow row, int rowNumber)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(row);
        var token = reader.TokenType;
        if (token == JsonTokenType.Null)
        {
            row.SetMissing(index);
            return;
        }

        switch (fields.Types[index])
        {
            case ColumnType.Numeric:
                row.SetNumber(index, ReadNumber(ref reader, fields, index, rowNumber));
                break;
            case ColumnType.Boolean:
                ReadBoolean(ref reader, fields, index, row, rowNumber);
                break;
            case ColumnType.DateTime:
                row.SetDateTime(index, ReadDateTime(ref reader, fields, index, rowNumber));
                break;
            default:
                row.SetText(index, ReadText(ref reader, fields, index, rowNumber));
                break;
        }
    }

    /// <summary>The message naming field <paramref name="index"/> (and the row in a batch) for a wrong value.</summary>
    public static string Problem(FeatureFields fields, int index, int rowNumber, string problem)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return rowNumber < 0
            ? $"Field '{fields.Name(index)}' {problem}"
            : $"Field '{fields.Name(index)}' of row {rowNumber} {problem}";
    }

    /// <summary>A short name of the token, for messages.</summary>
    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static double ReadNumber(ref Utf8JsonReader reader, FeatureFields fields, int index, int rowNumber)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                throw new BadRequestException(Problem(fields, index, rowNumber, "is out of range for a 64-bit floating-point number."));
            }

            return value;
        }

        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
        {
            var text = reader.ValueSpan;
            if (text.SequenceEqual("NaN"u8))
            {
                return double.NaN;
            }

            if (text.SequenceEqual("Infinity"u8))
            {
                return double.PositiveInfinity;
            }

            if (text.SequenceEqual("-Infinity"u8))
            {
                return double.NegativeInfinity;
            }
        }

        throw new BadRequestException(Problem(fields, index, rowNumber, $"must be a number; got {Describe(reader.TokenType)}."));
    }

    private static void ReadBoolean(ref Utf8JsonReader reader, FeatureFields fields, int index, FeatureRow row, int rowNumber)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                row.SetBoolean(index, true);
                return;
            case JsonTokenType.False:
                row.SetBoolean(index, false);
                return;
            case JsonTokenType.Number when reader.TryGetDouble(out var number) && number is 0 or 1:
                row.SetNumber(index, number);
                return;
            default:
                throw new BadRequestException(Problem(fields, index, rowNumber, $"must be true or false; got {Describe(reader.TokenType)}."));
        }
    }

    private static DateTime ReadDateTime(ref Utf8JsonReader reader, FeatureFields fields, int index, int rowNumber)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.TryGetDateTime(out var value))
            {
                return value;
            }

            if (DateTime.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value))
            {
                return value;
            }

            throw new BadRequestException(Problem(fields, index, rowNumber, "is not a date-time (use ISO 8601, e.g. 2024-05-01T13:45:00Z)."));
        }

        throw new BadRequestException(Problem(fields, index, rowNumber, $"must be a date-time string; got {Describe(reader.TokenType)}."));
    }

    private static string ReadText(ref Utf8JsonReader reader, FeatureFields fields, int index, int rowNumber)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (!reader.ValueIsEscaped && fields.KnownCategory(index, reader.ValueSpan) is { } known)
                {
                    return known;
                }

                return reader.GetString()!;
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            default:
                throw new BadRequestException(Problem(fields, index, rowNumber, $"must be a string; got {Describe(reader.TokenType)}."));
        }
    }
}
