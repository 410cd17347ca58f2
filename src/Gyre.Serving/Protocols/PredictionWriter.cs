using System.Text.Json;
using Gyre.Serving.Models;
using Gyre.Training.Scoring;
using Gyre.Training.Specs;

namespace Gyre.Serving.Protocols;

/// <summary>Writes predictions in each protocol's response shape.</summary>
public static class PredictionWriter
{
    /// <summary>
    /// <c>/predict</c>: for one row <c>{"prediction", "probability", "probabilities", "model_version", "request_id"}</c>
    /// (probability for classifiers, probabilities per class for multiclass); for an array
    /// <c>{"predictions": [{...}, ...], "model_version", "request_id"}</c>.
    /// </summary>
    public static void WritePredict(Utf8JsonWriter writer, ServedModel model, ReadOnlySpan<RowPrediction> predictions, bool isArray, string requestId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(model);
        writer.WriteStartObject();
        if (isArray)
        {
            writer.WriteStartArray("predictions"u8);
            foreach (var prediction in predictions)
            {
                writer.WriteStartObject();
                WriteFields(writer, model, prediction);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
        else
        {
            WriteFields(writer, model, predictions[0]);
        }

        writer.WriteString("model_version"u8, model.VersionText);
        writer.WriteString("request_id"u8, requestId);
        writer.WriteEndObject();
    }

    /// <summary>MLflow <c>/invocations</c>: <c>{"predictions": [label or value, ...]}</c>.</summary>
    public static void WriteInvocations(Utf8JsonWriter writer, ServedModel model, ReadOnlySpan<RowPrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(model);
        writer.WriteStartObject();
        writer.WriteStartArray("predictions"u8);
        foreach (var prediction in predictions)
        {
            WritePredictionValue(writer, model, prediction);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Open Inference Protocol response: <c>{"model_name", "model_version", "id", "outputs": [...]}</c>.</summary>
    public static void WriteOpenInference(Utf8JsonWriter writer, ServedModel model, ReadOnlySpan<RowPrediction> predictions, OipOutputs outputs, string id)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(model);
        writer.WriteStartObject();
        writer.WriteString("model_name"u8, model.ModelName);
        writer.WriteString("model_version"u8, model.VersionText);
        writer.WriteString("id"u8, id);
        writer.WriteStartArray("outputs"u8);
        if ((outputs & OipOutputs.PredictedLabel) != 0)
        {
            StartTensor(writer, "predicted_label"u8, "BYTES"u8, predictions.Length, -1);
            foreach (var prediction in predictions)
            {
                writer.WriteStringValue(prediction.PredictedLabel);
            }

            EndTensor(writer);
        }

        if ((outputs & OipOutputs.Probability) != 0)
        {
            StartTensor(writer, "probability"u8, "FP64"u8, predictions.Length, -1);
            foreach (var prediction in predictions)
            {
                WriteNumber(writer, prediction.Probability);
            }

            EndTensor(writer);
        }

        if ((outputs & OipOutputs.ClassProbabilities) != 0)
        {
            StartTensor(writer, "class_probabilities"u8, "FP64"u8, predictions.Length, model.ClassNames.Count);
            foreach (var prediction in predictions)
            {
                for (var c = 0; c < model.ClassNames.Count; c++)
                {
                    WriteNumber(writer, prediction.ClassProbabilities is { } probabilities && c < probabilities.Count ? probabilities[c] : null);
                }
            }

            EndTensor(writer);
        }

        if ((outputs & OipOutputs.Prediction) != 0)
        {
            StartTensor(writer, "prediction"u8, "FP64"u8, predictions.Length, -1);
            foreach (var prediction in predictions)
            {
                WriteNumber(writer, prediction.Value);
            }

            EndTensor(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The prediction alone: the label for classifiers, the value for regression.</summary>
    public static void WritePredictionValue(Utf8JsonWriter writer, ServedModel model, RowPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prediction);
        if (model.Task == TaskKind.Regression)
        {
            WriteNumber(writer, prediction.Value);
        }
        else
        {
            writer.WriteStringValue(prediction.PredictedLabel);
        }
    }

    /// <summary>The fields of one /predict prediction (inside an open object).</summary>
    public static void WriteFields(Utf8JsonWriter writer, ServedModel model, RowPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prediction);
        writer.WritePropertyName("prediction"u8);
        WritePredictionValue(writer, model, prediction);
        if (model.Task != TaskKind.Regression)
        {
            writer.WritePropertyName("probability"u8);
            WriteNumber(writer, prediction.Probability);
        }

        if (model.Task == TaskKind.Multiclass && prediction.ClassProbabilities is { } probabilities)
        {
            writer.WriteStartObject("probabilities"u8);
            for (var c = 0; c < model.ClassNames.Count && c < probabilities.Count; c++)
            {
                writer.WritePropertyName(model.ClassNames[c]);
                WriteNumber(writer, probabilities[c]);
            }

            writer.WriteEndObject();
        }
    }

    private static void StartTensor(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> datatype, int rows, int columns)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, name);
        writer.WriteStartArray("shape"u8);
        writer.WriteNumberValue(rows);
        if (columns >= 0)
        {
            writer.WriteNumberValue(columns);
        }

        writer.WriteEndArray();
        writer.WriteString("datatype"u8, datatype);
        writer.WriteStartArray("data"u8);
    }

    private static void EndTensor(Utf8JsonWriter writer)
    {
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A number, or null when absent or not finite (JSON has no NaN).</summary>
    private static void WriteNumber(Utf8JsonWriter writer, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
