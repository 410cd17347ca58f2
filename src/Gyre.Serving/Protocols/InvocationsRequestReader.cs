using System.Text.Json;
using Gyre.Serving.Models;

namespace Gyre.Serving.Protocols;

/// <summary>
/// Parses MLflow scoring-server bodies (<c>POST /invocations</c>): exactly one of <c>dataframe_split</c>
/// (<c>{"columns": [...], "data": [[...], ...]}</c>), <c>dataframe_records</c> (a list of objects),
/// <c>instances</c> (a list of objects, or of arrays in signature order) and <c>inputs</c> (the same, or an object
/// of columns); <c>params</c> is ignored.
/// </summary>
public static class InvocationsRequestReader
{
    public static void Read(ReadOnlySpan<byte> body, RowSet rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var reader = new Utf8JsonReader(body, JsonRows.Options);
        JsonRows.Next(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new BadRequestException("Expected a JSON object with one of dataframe_split, dataframe_records, instances or inputs.");
        }

        var formats = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            var escaped = reader.ValueIsEscaped;
            JsonRows.Next(ref reader);
            if (!escaped && name.SequenceEqual("dataframe_split"u8))
            {
                ReadSplit(ref reader, rows);
                formats++;
            }
            else if (!escaped && name.SequenceEqual("dataframe_records"u8))
            {
                ReadRecords(ref reader, rows, "dataframe_records", allowArrays: false);
                formats++;
            }
            else if (!escaped && name.SequenceEqual("instances"u8))
            {
                ReadRecords(ref reader, rows, "instances", allowArrays: true);
                formats++;
            }
            else if (!escaped && name.SequenceEqual("inputs"u8))
            {
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadColumns(ref reader, rows);
                }
                else
                {
                    ReadRecords(ref reader, rows, "inputs", allowArrays: true);
                }

                formats++;
            }
            else
            {
                reader.Skip();
            }
        }

        JsonRows.End(ref reader);
        if (formats != 1)
        {
            throw new BadRequestException(formats == 0
                ? "The request has none of dataframe_split, dataframe_records, instances or inputs."
                : "The request must use exactly one of dataframe_split, dataframe_records, instances or inputs.");
        }

        if (rows.Count == 0)
        {
            throw new BadRequestException("The request holds no rows.");
        }
    }

    private static void ReadRecords(ref Utf8JsonReader reader, RowSet rows, string key, bool allowArrays)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new BadRequestException($"'{key}' must be a list of rows; got {FeatureValueReader.Describe(reader.TokenType)}.");
        }

        var fields = rows.Model.Fields;
        int[]? order = null;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (allowArrays && reader.TokenType == JsonTokenType.StartArray)
            {
                order ??= JsonRows.SignatureOrder(fields);
                JsonRows.ReadPositional(ref reader, fields, order, rows.Add(), index);
            }
            else
            {
                JsonRows.ReadObject(ref reader, fields, rows.Add(), index);
            }

            index++;
        }
    }

    private static void ReadSplit(ref Utf8JsonReader reader, RowSet rows)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new BadRequestException($"'dataframe_split' must be an object with columns and data; got {FeatureValueReader.Describe(reader.TokenType)}.");
        }

        var fields = rows.Model.Fields;
        int[]? columns = null;
        var data = default(Utf8JsonReader);
        var hasData = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isColumns = !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual("columns"u8);
            var isData = !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual("data"u8);
            JsonRows.Next(ref reader);
            if (isColumns)
            {
                columns = ReadColumnNames(ref reader, fields);
            }
            else if (isData)
            {
                // Kept to read once the columns are known (they may come after the data).
                data = reader;
                hasData = true;
                reader.Skip();
            }
            else
            {
                reader.Skip();
            }
        }

        if (!hasData)
        {
            throw new BadRequestException("'dataframe_split' has no 'data'.");
        }

        columns ??= JsonRows.SignatureOrder(fields);
        var dataReader = data;
        if (dataReader.TokenType != JsonTokenType.StartArray)
        {
            throw new BadRequestException($"'dataframe_split.data' must be a list of rows; got {FeatureValueReader.Describe(dataReader.TokenType)}.");
        }

        var index = 0;
        while (dataReader.Read() && dataReader.TokenType != JsonTokenType.EndArray)
        {
            JsonRows.ReadPositional(ref dataReader, fields, columns, rows.Add(), index);
            index++;
        }
    }

    private static int[] ReadColumnNames(ref Utf8JsonReader reader, FeatureFields fields)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new BadRequestException($"'dataframe_split.columns' must be a list of field names; got {FeatureValueReader.Describe(reader.TokenType)}.");
        }

        var columns = new List<int>(fields.Count);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new BadRequestException($"'dataframe_split.columns' must hold field names; got {FeatureValueReader.Describe(reader.TokenType)}.");
            }

            var index = reader.ValueIsEscaped ? fields.Find(reader.GetString()!) : fields.Find(reader.ValueSpan, columns.Count);
            if (index < 0)
            {
                throw new BadRequestException(JsonRows.UnknownField(fields, reader.GetString()!, -1));
            }

            columns.Add(index);
        }

        return [.. columns];
    }

    private static void ReadColumns(ref Utf8JsonReader reader, RowSet rows)
    {
        var fields = rows.Model.Fields;
        var length = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = reader.ValueIsEscaped ? fields.Find(reader.GetString()!) : fields.Find(reader.ValueSpan, 0);
            if (index < 0)
            {
                throw new BadRequestException(JsonRows.UnknownField(fields, reader.GetString()!, -1));
            }

            JsonRows.Next(ref reader);
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new BadRequestException($"Column '{fields.Name(index)}' of 'inputs' must be a list of values; got {FeatureValueReader.Describe(reader.TokenType)}.");
            }

            var row = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                FeatureValueReader.Read(ref reader, fields, index, rows.At(row), row);
                row++;
            }

            if (length >= 0 && row != length)
            {
                throw new BadRequestException($"Column '{fields.Name(index)}' of 'inputs' has {row} values; the columns before it have {length}.");
            }

            length = row;
        }
    }
}
