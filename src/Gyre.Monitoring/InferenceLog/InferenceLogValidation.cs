using System.Globalization;
using System.Text;
using System.Text.Json;
using Gyre.Core;

namespace Gyre.Monitoring.InferenceLog;

/// <summary>
/// The inference log's input checks, shared by every <see cref="IInferenceLogStore"/> and by
/// <see cref="InferenceLogWriter"/> (which rejects a bad record when it is enqueued, not later with its whole
/// batch). Each throws InvalidInput naming the field (snake_case, as stored) and, for batches, the index of the
/// item at fault. Thread-safe (stateless).
/// </summary>
public static class InferenceLogValidation
{
    /// <summary>The largest page a search returns.</summary>
    public const int MaxSearchResults = 10_000;

    /// <summary>Checks every record of a batch; the first bad one is reported with its index (from 0).</summary>
    public static void ValidateRecords(IReadOnlyList<InferenceRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        for (var i = 0; i < records.Count; i++)
        {
            ValidateRecord(records[i], i);
        }
    }

    /// <summary>
    /// Checks one record: endpoint, request id, model name and variant not empty; model version null or ≥ 1;
    /// inputs and outputs a JSON object (checked by its braces only: the serving host writes them); latency finite
    /// and ≥ 0. <paramref name="index"/>: its position in a batch, named in the message (null for a single record).
    /// </summary>
    public static void ValidateRecord(InferenceRecord? record, int? index = null)
    {
        if (record is null)
        {
            throw GyreException.InvalidInput($"Invalid inference record{At(index)}: the record is null.");
        }

        RequireText(record.Endpoint, "endpoint", "inference record", index);
        RequireText(record.RequestId, "request_id", "inference record", index);
        RequireText(record.ModelName, "model_name", "inference record", index);
        RequireText(record.Variant, "variant", "inference record", index);
        if (record.ModelVersion is < 1)
        {
            throw Invalid("inference record", index, "model_version", $"model versions count from 1, got {record.ModelVersion}");
        }

        RequireObjectText(record.InputsJson, "inputs_json", index);
        RequireObjectText(record.OutputsJson, "outputs_json", index);
        if (!double.IsFinite(record.LatencyMs) || record.LatencyMs < 0)
        {
            throw Invalid("inference record", index, "latency_ms", $"a latency is a finite number of milliseconds ≥ 0, got {record.LatencyMs.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Checks every feedback item: endpoint and request id not empty, the label one well-formed JSON value.</summary>
    public static void ValidateFeedback(IReadOnlyList<InferenceFeedback> feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        for (var i = 0; i < feedback.Count; i++)
        {
            var item = feedback[i] ?? throw GyreException.InvalidInput($"Invalid feedback{At(i)}: the feedback is null.");
            RequireText(item.Endpoint, "endpoint", "feedback", i);
            RequireText(item.RequestId, "request_id", "feedback", i);
            if (!IsJson(item.LabelJson))
            {
                throw Invalid("feedback", i, "label_json", "the label must be one JSON value (e.g. \"fraud\" or 12.5)");
            }
        }
    }

    /// <summary>Checks a search: an endpoint is given and <paramref name="maxResults"/> is 1..<see cref="MaxSearchResults"/>.</summary>
    public static void ValidateQuery(InferenceQuery query, int maxResults)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrEmpty(query.Endpoint))
        {
            throw GyreException.InvalidInput("Missing value for required parameter 'endpoint': an inference search reads one endpoint.");
        }

        if (maxResults is < 1 or > MaxSearchResults)
        {
            throw GyreException.InvalidInput(
                $"Invalid value {maxResults.ToString(CultureInfo.InvariantCulture)} for parameter 'max_results': it must be between 1 and {MaxSearchResults.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static void RequireText(string? value, string field, string item, int? index)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Invalid(item, index, field, "it must not be empty");
        }
    }

    private static void RequireObjectText(string? value, string field, int? index)
    {
        var text = value.AsSpan().Trim();
        if (text.Length < 2 || text[0] != '{' || text[^1] != '}')
        {
            throw Invalid("inference record", index, field, "it must be a JSON object");
        }
    }

    private static bool IsJson(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(value));
            reader.Read();
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static GyreException Invalid(string item, int? index, string field, string reason) =>
        GyreException.InvalidInput($"Invalid value for field '{field}' of {item}{At(index)}: {reason}.");

    private static string At(int? index) => index is { } i ? " at index " + i.ToString(CultureInfo.InvariantCulture) : "";
}
