using System.Globalization;
using System.Text.Json;
using Gyre.Data.Tables;
using Gyre.Monitoring.Datasets;
using Gyre.Monitoring.InferenceLog;
using Gyre.Training.Featurization;
using Gyre.Training.Specs;

namespace Gyre.Pipelines.Monitoring;

/// <summary>
/// Turns logged inferences back into columns using the model's input signature: numeric inputs as numbers,
/// boolean inputs as "true"/"false", categorical and text inputs as categories (date-time inputs are left out,
/// as in <see cref="MonitoredFrames.FromTable"/>). A field of the wrong JSON kind is read as missing and the
/// record is reported in <see cref="LoggedFrame.Problems"/>; a record whose JSON is unreadable is skipped and reported.
/// </summary>
public static class LoggedFrames
{
    /// <summary>At most this many problems are listed; the rest are counted in a final line.</summary>
    public const int ProblemsListed = 20;

    public static LoggedFrame From(IReadOnlyList<LoggedInference> records, IReadOnlyList<SignatureColumn> inputs, TaskKind task)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(inputs);
        var fields = inputs.Where(c => c.Type != ColumnType.DateTime).ToArray();
        var numbers = fields.Select(f => f.Type == ColumnType.Numeric ? new List<double>(records.Count) : null).ToArray();
        var texts = fields.Select(f => f.Type != ColumnType.Numeric ? new List<string?>(records.Count) : null).ToArray();
        var predictedLabels = new List<string?>(records.Count);
        var predictedValues = new List<double>(records.Count);
        var times = new List<long>(records.Count);
        var labels = new List<string?>(records.Count);
        var problems = new List<string>();
        var problemCount = 0;

        foreach (var inference in records)
        {
            var record = inference.Record;
            JsonDocument inputsJson;
            JsonDocument outputsJson;
            try
            {
                inputsJson = JsonDocument.Parse(record.InputsJson);
                outputsJson = JsonDocument.Parse(record.OutputsJson);
            }
            catch (JsonException error)
            {
                Report($"request {record.RequestId}: unreadable logged JSON ({error.Message}); skipped.");
                continue;
            }

            using (inputsJson)
            using (outputsJson)
            {
                var wrongFields = new List<string>();
                for (var i = 0; i < fields.Length; i++)
                {
                    var value = Property(inputsJson.RootElement, fields[i].Name);
                    if (numbers[i] is { } numeric)
                    {
                        numeric.Add(NumberOrMissing(value, fields[i].Name, wrongFields));
                    }
                    else
                    {
                        texts[i]!.Add(TextOrMissing(value, fields[i].Name, wrongFields));
                    }
                }

                if (wrongFields.Count > 0)
                {
                    Report($"request {record.RequestId}: field(s) {string.Join(", ", wrongFields)} of an unexpected JSON kind; read as missing.");
                }

                var prediction = Property(outputsJson.RootElement, "prediction");
                predictedLabels.Add(prediction is { ValueKind: JsonValueKind.String } label ? label.GetString() : null);
                var numericOutput = task == TaskKind.Binary ? Property(outputsJson.RootElement, "probability") : prediction;
                predictedValues.Add(numericOutput is { ValueKind: JsonValueKind.Number } number ? number.GetDouble() : double.NaN);
                times.Add(record.Time);
                labels.Add(LabelText(inference.LabelJson));
            }
        }

        var columns = new List<MonitoredColumn>(fields.Length + 2);
        for (var i = 0; i < fields.Length; i++)
        {
            columns.Add(numbers[i] is { } numeric
                ? new Gyre.Monitoring.Datasets.NumericColumn(fields[i].Name, [.. numeric])
                : new CategoricalColumn(fields[i].Name, [.. texts[i]!]));
        }

        AddOutputs(columns, task, predictedLabels, predictedValues);
        if (problemCount > ProblemsListed)
        {
            problems.Add($"... and {problemCount - ProblemsListed} more record(s) with problems.");
        }

        return new LoggedFrame(new MonitoredFrame(columns), [.. times], [.. labels], problems);

        void Report(string problem)
        {
            problemCount++;
            if (problems.Count < ProblemsListed)
            {
                problems.Add(problem);
            }
        }
    }

    /// <summary>Ground truth JSON as label text: strings as they are, numbers in round-trip form, booleans "true"/"false".</summary>
    public static string? LabelText(string? labelJson)
    {
        if (labelJson is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(labelJson);
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.String => root.GetString(),
                JsonValueKind.Number => root.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void AddOutputs(List<MonitoredColumn> columns, TaskKind task, List<string?> predictedLabels, List<double> predictedValues)
    {
        if (columns.Any(c => c.Name == MonitoredFrames.PredictionColumn))
        {
            return;
        }

        if (task == TaskKind.Regression)
        {
            columns.Add(new Gyre.Monitoring.Datasets.NumericColumn(MonitoredFrames.PredictionColumn, [.. predictedValues]));
            return;
        }

        columns.Add(new CategoricalColumn(MonitoredFrames.PredictionColumn, [.. predictedLabels]));
        if (task == TaskKind.Binary && columns.All(c => c.Name != MonitoredFrames.ProbabilityColumn))
        {
            columns.Add(new Gyre.Monitoring.Datasets.NumericColumn(MonitoredFrames.ProbabilityColumn, [.. predictedValues]));
        }
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static double NumberOrMissing(JsonElement? value, string field, List<string> wrongFields)
    {
        switch (value?.ValueKind)
        {
            case JsonValueKind.Number:
                return value.Value.GetDouble();
            case null or JsonValueKind.Null:
                return double.NaN;
            default:
                wrongFields.Add(field);
                return double.NaN;
        }
    }

    private static string? TextOrMissing(JsonElement? value, string field, List<string> wrongFields)
    {
        switch (value?.ValueKind)
        {
            case JsonValueKind.String:
                return value.Value.GetString();
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case null or JsonValueKind.Null:
                return null;
            default:
                wrongFields.Add(field);
                return null;
        }
    }
}
