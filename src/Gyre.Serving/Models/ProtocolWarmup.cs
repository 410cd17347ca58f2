using System.Buffers;
using System.Text.Json;
using Gyre.Data.Tables;
using Gyre.Serving.Protocols;

namespace Gyre.Serving.Models;

/// <summary>
/// Runs one synthetic request of each protocol through the parsers, checks, scorer and response writers (no HTTP), so
/// the first real request does not pay for their JIT compilation. Best effort: a synthetic request the model refuses
/// is ignored.
/// </summary>
public static class ProtocolWarmup
{
    public static void Warm(ServedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var output = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(output);
        Run(model, Body(model, oip: false), ServingProtocol.Predict, writer);
        Run(model, Body(model, oip: true), ServingProtocol.OpenInference, writer);
    }

    private static void Run(ServedModel model, byte[] body, ServingProtocol protocol, Utf8JsonWriter writer)
    {
        using var rows = new RowSet(model);
        try
        {
            var outputs = OipOutputs.None;
            if (protocol == ServingProtocol.Predict)
            {
                PredictRequestReader.Read(body, rows);
            }
            else
            {
                outputs = OipRequestReader.Read(body, rows, out _);
            }

            if (model.Scorer.Check(rows[0], Training.Scoring.UnknownCategoryPolicy.MapToUnknown) is not null)
            {
                return;
            }

            var predictions = new[] { model.Scorer.Score(rows[0]) };
            if (protocol == ServingProtocol.Predict)
            {
                PredictionWriter.WritePredict(writer, model, predictions, false, "warm-up");
            }
            else
            {
                PredictionWriter.WriteOpenInference(writer, model, predictions, outputs, "warm-up");
            }

            writer.Flush();
            writer.Reset();
        }
        catch (BadRequestException)
        {
            // The synthetic request does not fit this model; real requests will JIT the path instead.
        }
    }

    private static byte[] Body(ServedModel model, bool oip)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (oip)
            {
                writer.WriteStartArray("inputs");
            }

            foreach (var column in model.Fields.Signature)
            {
                if (oip)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", column.Name);
                    writer.WriteStartArray("shape");
                    writer.WriteNumberValue(1);
                    writer.WriteEndArray();
                    writer.WriteString("datatype", column.Type switch { ColumnType.Numeric => "FP64", ColumnType.Boolean => "BOOL", _ => "BYTES" });
                    writer.WriteStartArray("data");
                }
                else
                {
                    writer.WritePropertyName(column.Name);
                }

                switch (column.Type)
                {
                    case ColumnType.Numeric:
                        writer.WriteNumberValue(1.0);
                        break;
                    case ColumnType.Boolean:
                        writer.WriteBooleanValue(true);
                        break;
                    case ColumnType.DateTime:
                        writer.WriteStringValue("2024-01-01T00:00:00Z");
                        break;
                    default:
                        writer.WriteStringValue(column.Categories is { Count: > 0 } known ? known[0] : "warm-up");
                        break;
                }

                if (oip)
                {
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
            }

            if (oip)
            {
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
