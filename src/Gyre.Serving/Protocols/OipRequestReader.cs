using System.Text.Json;
using Gyre.Data.Tables;
using Gyre.Serving.Models;
using Gyre.Training.Specs;

namespace Gyre.Serving.Protocols;

/// <summary>
/// Parses Open Inference Protocol v2 inference requests (<c>{"id", "parameters", "inputs": [...], "outputs": [...]}</c>)
/// for tabular models, in two layouts: one input per field (named as the field, shape <c>[N]</c> or <c>[N, 1]</c>,
/// FP32/FP64/INT*/UINT*/BOOL for numeric and boolean fields, BYTES for categorical, text and date-time fields), or one
/// numeric <c>[N, F]</c> tensor with the F fields in signature order. Data may be flat or nested; its element count
/// must equal the product of the shape.
/// </summary>
public static class OipRequestReader
{
    private static readonly (string Name, byte[] Utf8, ElementKind Kind)[] Datatypes =
    [
        .. new[] { "FP64", "FP32", "INT64", "INT32", "INT16", "INT8", "UINT64", "UINT32", "UINT16", "UINT8" }.Select(n => (n, System.Text.Encoding.UTF8.GetBytes(n), ElementKind.Numeric)),
        ("BOOL", "BOOL"u8.ToArray(), ElementKind.Boolean),
        ("BYTES", "BYTES"u8.ToArray(), ElementKind.Bytes),
    ];

    private enum ElementKind
    {
        Numeric,
        Boolean,
        Bytes,
    }

    /// <summary>The outputs a model of <paramref name="task"/> produces.</summary>
    public static OipOutputs OutputsOf(TaskKind task) => task switch
    {
        TaskKind.Binary => OipOutputs.PredictedLabel | OipOutputs.Probability,
        TaskKind.Multiclass => OipOutputs.PredictedLabel | OipOutputs.Probability | OipOutputs.ClassProbabilities,
        _ => OipOutputs.Prediction,
    };

    /// <summary>Fills <paramref name="rows"/>; returns the request's id (or null) and the outputs asked for (all when none are named).</summary>
    public static OipOutputs Read(ReadOnlySpan<byte> body, RowSet rows, out string? id)
    {
        ArgumentNullException.ThrowIfNull(rows);
        id = null;
        var available = OutputsOf(rows.Model.Task);
        var requested = OipOutputs.None;
        var sawInputs = false;
        var reader = new Utf8JsonReader(body, JsonRows.Options);
        JsonRows.Next(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new BadRequestException($"Expected an inference request object with 'inputs'; got {FeatureValueReader.Describe(reader.TokenType)}.");
        }

        var expectedRows = -1L;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var escaped = reader.ValueIsEscaped;
            var name = reader.ValueSpan;
            var isId = !escaped && name.SequenceEqual("id"u8);
            var isInputs = !escaped && name.SequenceEqual("inputs"u8);
            var isOutputs = !escaped && name.SequenceEqual("outputs"u8);
            JsonRows.Next(ref reader);
            if (isId)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    throw new BadRequestException($"'id' must be a string; got {FeatureValueReader.Describe(reader.TokenType)}.");
                }

                id = reader.GetString();
            }
            else if (isInputs)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new BadRequestException($"'inputs' must be a list of tensors; got {FeatureValueReader.Describe(reader.TokenType)}.");
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    expectedRows = ReadInput(ref reader, rows, expectedRows);
                }

                sawInputs = true;
            }
            else if (isOutputs)
            {
                requested = ReadOutputs(ref reader, available);
            }
            else
            {
                reader.Skip();
            }
        }

        JsonRows.End(ref reader);
        if (!sawInputs || rows.Count == 0)
        {
            throw new BadRequestException("The request has no input rows: 'inputs' must hold one tensor per field (shape [N]) or one [N, F] tensor.");
        }

        return requested == OipOutputs.None ? available : requested;
    }

    private static OipOutputs ReadOutputs(ref Utf8JsonReader reader, OipOutputs available)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new BadRequestException($"'outputs' must be a list of {{\"name\": ...}} objects; got {FeatureValueReader.Describe(reader.TokenType)}.");
        }

        var requested = OipOutputs.None;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new BadRequestException($"Each of 'outputs' must be an object with a name; got {FeatureValueReader.Describe(reader.TokenType)}.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual("name"u8);
                JsonRows.Next(ref reader);
                if (!isName)
                {
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType != JsonTokenType.String)
                {
                    throw new BadRequestException($"An output's name must be a string; got {FeatureValueReader.Describe(reader.TokenType)}.");
                }

                var output = reader.ValueSpan switch
                {
                    var s when s.SequenceEqual("predicted_label"u8) => OipOutputs.PredictedLabel,
                    var s when s.SequenceEqual("probability"u8) => OipOutputs.Probability,
                    var s when s.SequenceEqual("class_probabilities"u8) => OipOutputs.ClassProbabilities,
                    var s when s.SequenceEqual("prediction"u8) => OipOutputs.Prediction,
                    _ => OipOutputs.None,
                };
                if (output == OipOutputs.None || (available & output) == 0)
                {
                    throw new BadRequestException($"Unknown output '{JsonRows.Truncate(reader.GetString()!)}': the model's outputs are {string.Join(", ", OipResponseNames(available))}.");
                }

                requested |= output;
            }
        }

        return requested;
    }

    private static IEnumerable<string> OipResponseNames(OipOutputs outputs)
    {
        if ((outputs & OipOutputs.PredictedLabel) != 0)
        {
            yield return "predicted_label";
        }

        if ((outputs & OipOutputs.Probability) != 0)
        {
            yield return "probability";
        }

        if ((outputs & OipOutputs.ClassProbabilities) != 0)
        {
            yield return "class_probabilities";
        }

        if ((outputs & OipOutputs.Prediction) != 0)
        {
            yield return "prediction";
        }
    }

    /// <summary>Reads one input tensor (reader on its StartObject); returns the row count all inputs must share.</summary>
    private static long ReadInput(ref Utf8JsonReader reader, RowSet rows, long expectedRows)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new BadRequestException($"Each of 'inputs' must be a tensor object; got {FeatureValueReader.Describe(reader.TokenType)}.");
        }

        var fields = rows.Model.Fields;
        var field = -1;
        string? unknownName = null;
        var sawName = false;
        ElementKind? kind = null;
        string? datatype = null;
        var rank = 0;
        long d0 = 0, d1 = 0, count = 1;
        var data = default(Utf8JsonReader);
        var hasData = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var escaped = reader.ValueIsEscaped;
            var property = reader.ValueSpan;
            var isName = !escaped && property.SequenceEqual("name"u8);
            var isShape = !escaped && property.SequenceEqual("shape"u8);
            var isType = !escaped && property.SequenceEqual("datatype"u8);
            var isData = !escaped && property.SequenceEqual("data"u8);
            JsonRows.Next(ref reader);
            if (isName)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    throw new BadRequestException($"An input's name must be a string; got {FeatureValueReader.Describe(reader.TokenType)}.");
                }

                field = reader.ValueIsEscaped ? fields.Find(reader.GetString()!) : fields.Find(reader.ValueSpan, 0);
                unknownName = field < 0 ? reader.GetString() : null;
                sawName = true;
            }
            else if (isShape)
            {
                (rank, d0, d1, count) = ReadShape(ref reader);
            }
            else if (isType)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    throw new BadRequestException($"An input's datatype must be a string; got {FeatureValueReader.Describe(reader.TokenType)}.");
                }

                (kind, datatype) = Kind(ref reader);
            }
            else if (isData)
            {
                // Read once name, shape and datatype are known (JSON objects are unordered).
                data = reader;
                hasData = true;
                reader.Skip();
            }
            else
            {
                reader.Skip();
            }
        }

        if (!sawName || rank == 0 || kind is null || !hasData)
        {
            throw new BadRequestException("Each input needs name, shape, datatype and data.");
        }

        var label = field >= 0 ? fields.Name(field) : JsonRows.Truncate(unknownName!);
        long rowCount;
        long columns;
        if (field >= 0)
        {
            if (!(rank == 1 || (rank == 2 && d1 == 1)))
            {
                throw new BadRequestException($"Input '{label}' must have shape [N] or [N, 1] (one value per row).");
            }

            CheckKind(fields.Types[field], kind.Value, label, datatype!);
            rowCount = d0;
            columns = 1;
        }
        else if (rank == 2 && d1 == fields.Count && fields.AllNumeric && kind != ElementKind.Bytes)
        {
            rowCount = d0;
            columns = d1;
        }
        else
        {
            throw new BadRequestException(
                $"Unknown input '{label}': send one input per field named as the field (the model's fields are {string.Join(", ", fields.Signature.Take(30).Select(c => c.Name))}), " +
                (fields.AllNumeric ? $"or one numeric tensor of shape [N, {fields.Count}] with the fields in that order." : "since some fields are not numeric."));
        }

        if (expectedRows >= 0 && rowCount != expectedRows)
        {
            throw new BadRequestException($"Input '{label}' has {rowCount} rows; the inputs before it have {expectedRows}.");
        }

        if (rowCount > RowSet.MaxRows)
        {
            throw new BadRequestException($"A request may carry at most {RowSet.MaxRows} rows.");
        }

        var dataReader = data;
        ReadData(ref dataReader, rows, field, columns, count, label);
        return rowCount;
    }

    private static (int Rank, long D0, long D1, long Count) ReadShape(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new BadRequestException($"An input's shape must be a list of sizes; got {FeatureValueReader.Describe(reader.TokenType)}.");
        }

        var rank = 0;
        long d0 = 0, d1 = 0, count = 1;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var size) || size < 0 || size > RowSet.MaxRows * 1000L)
            {
                throw new BadRequestException("An input's shape must hold non-negative integer sizes.");
            }

            if (rank == 0)
            {
                d0 = size;
            }
            else if (rank == 1)
            {
                d1 = size;
            }

            rank++;
            if (rank > 2)
            {
                throw new BadRequestException("Tabular inputs have shape [N], [N, 1] or [N, F].");
            }

            count *= size;
        }

        if (rank == 0)
        {
            throw new BadRequestException("An input's shape must not be empty.");
        }

        return (rank, d0, d1, count);
    }

    /// <summary>The element kind and canonical name of the datatype at the reader, without allocating for known names.</summary>
    private static (ElementKind Kind, string Name) Kind(ref Utf8JsonReader reader)
    {
        var text = reader.ValueIsEscaped ? System.Text.Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        foreach (var (name, utf8, kind) in Datatypes)
        {
            if (text.SequenceEqual(utf8))
            {
                return (kind, name);
            }
        }

        var given = reader.GetString()!;
        throw new BadRequestException(given is "FP16" or "BF16"
            ? $"Datatype {given} has no JSON form; send FP32 or FP64."
            : $"Unknown datatype '{JsonRows.Truncate(given)}': use BOOL, INT8-64, UINT8-64, FP32, FP64 or BYTES.");
    }

    private static void CheckKind(ColumnType type, ElementKind kind, string label, string datatype)
    {
        var fits = type switch
        {
            ColumnType.Numeric => kind == ElementKind.Numeric,
            ColumnType.Boolean => kind is ElementKind.Boolean or ElementKind.Numeric,
            _ => kind == ElementKind.Bytes,
        };
        if (!fits)
        {
            var expected = type switch
            {
                ColumnType.Numeric => "FP32, FP64 or an integer type",
                ColumnType.Boolean => "BOOL",
                _ => "BYTES",
            };
            throw new BadRequestException($"Input '{label}' has datatype {datatype}, but the field is {type.ToString().ToLowerInvariant()}: use {expected}.");
        }
    }

    private static void ReadData(ref Utf8JsonReader reader, RowSet rows, int field, long columns, long count, string label)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new BadRequestException($"Input '{label}' data must be a list; got {FeatureValueReader.Describe(reader.TokenType)}.");
        }

        var fields = rows.Model.Fields;
        var depth = 1;
        long element = 0;
        while (depth > 0)
        {
            JsonRows.Next(ref reader);
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    if (++depth > 3)
                    {
                        throw new BadRequestException($"Input '{label}' data is nested too deeply for its shape.");
                    }

                    break;
                case JsonTokenType.EndArray:
                    depth--;
                    break;
                case JsonTokenType.StartObject:
                    throw new BadRequestException($"Input '{label}' data must hold values, not objects.");
                default:
                    if (element >= count)
                    {
                        throw new BadRequestException($"Input '{label}' has more values than its shape holds ({count}).");
                    }

                    var row = (int)(element / columns);
                    var column = field >= 0 ? field : (int)(element % columns);
                    FeatureValueReader.Read(ref reader, fields, column, rows.At(row), row);
                    element++;
                    break;
            }
        }

        if (element != count)
        {
            throw new BadRequestException($"Input '{label}' has {element} values; its shape holds {count}.");
        }
    }
}
