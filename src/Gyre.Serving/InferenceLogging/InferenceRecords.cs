using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Gyre.Data.Tables;
using Gyre.Monitoring.InferenceLog;
using Gyre.Serving.Models;
using Gyre.Training.Scoring;

namespace Gyre.Serving.InferenceLogging;

/// <summary>Builds inference log records from a scored row (inputs as received, outputs as returned).</summary>
public static class InferenceRecords
{
    /// <summary>The record of row <paramref name="rowIndex"/> of a request (a batch's rows get ids <c>ID/INDEX</c>).</summary>
    public static InferenceRecord Create(ServedModel model, string requestId, int rowIndex, int rowCount, long time, FeatureRow row, RowPrediction prediction, double latencyMs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(prediction);
        var id = rowCount == 1 ? requestId : string.Create(CultureInfo.InvariantCulture, $"{requestId}/{rowIndex}");
        return new InferenceRecord(id, time, model.Endpoint, model.ModelName, model.Version ?? 1, model.Variant, InputsJson(model.Fields, row), OutputsJson(model, prediction), latencyMs);
    }

    /// <summary>The row's fields as a JSON object (missing values as null).</summary>
    public static string InputsJson(FeatureFields fields, FeatureRow row)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(row);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (var i = 0; i < fields.Count; i++)
            {
                writer.WritePropertyName(fields.Name(i));
                switch (fields.Types[i])
                {
                    case ColumnType.Numeric when row.IsSet(i) && double.IsFinite(row.GetNumber(i)):
                        writer.WriteNumberValue(row.GetNumber(i));
                        break;
                    case ColumnType.Boolean when row.IsSet(i) && !double.IsNaN(row.GetNumber(i)):
                        writer.WriteBooleanValue(row.GetNumber(i) != 0);
                        break;
                    case ColumnType.DateTime when row.GetDateTime(i) is { } date:
                        writer.WriteStringValue(date);
                        break;
                    case ColumnType.Categorical or ColumnType.Text when row.GetText(i) is { } text:
                        writer.WriteStringValue(text);
                        break;
                    default:
                        writer.WriteNullValue();
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The prediction as /predict returns it (prediction, probability, probabilities).</summary>
    public static string OutputsJson(ServedModel model, RowPrediction prediction)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            Protocols.PredictionWriter.WriteFields(writer, model, prediction);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
