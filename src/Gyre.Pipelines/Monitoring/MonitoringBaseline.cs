using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Core;
using Gyre.Data.Tables;
using Gyre.Monitoring.Performance;
using Gyre.Monitoring.Profiles;
using Gyre.Training.Scoring;
using Gyre.Training.Specs;
using Gyre.Training.Validation;

namespace Gyre.Pipelines.Monitoring;

/// <summary>
/// The monitoring baseline stored in a model package (<c>monitoring_profile.json</c>), so that a deployed model is
/// monitored with no configuration: <c>{"format_version": 1, "profile": …, "cbpe": …}</c>.
/// <list type="bullet">
/// <item><c>profile</c>: mergeable sketches (<see cref="DatasetSketch"/>) of every training column (features and label)
/// plus the model's outputs on the training rows (<see cref="MonitoredFrames.PredictionColumn"/>, and
/// <see cref="MonitoredFrames.ProbabilityColumn"/> for binary models). Outputs on training rows are sharper than on
/// unseen rows for models that fit their training data closely; pass a held-out file as --reference to
/// `gyre monitor` when prediction drift must be judged against unseen data.</item>
/// <item><c>cbpe</c> (binary models with evaluation rows): the isotonic calibration of the model's scores on the rows
/// it was evaluated on and never trained on (<c>thresholds</c>, <c>values</c>, decision <c>threshold</c>), from which
/// CBPE estimates performance without labels.</item>
/// </list>
/// </summary>
public static class MonitoringBaseline
{
    public const int FormatVersion = 1;

    /// <summary>The baseline's JSON for a model trained on <paramref name="data"/>.</summary>
    public static string BuildJson(DataTable data, TrainingOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(outcome);
        var document = ProfileDocument(outcome.Model.Predictor, data, cancellationToken);
        if (Calibrate(outcome, cancellationToken) is { } cbpe)
        {
            document["cbpe"] = new JsonObject
            {
                ["threshold"] = cbpe.Threshold,
                ["thresholds"] = new JsonArray([.. cbpe.Calibrator.Thresholds.Select(t => JsonValue.Create(t))]),
                ["values"] = new JsonArray([.. cbpe.Calibrator.Values.Select(v => JsonValue.Create(v))]),
            };
        }

        return document.ToJsonString();
    }

    /// <summary>
    /// The baseline of a model Gyre did not train (an imported ONNX graph): sketches of <paramref name="reference"/> and of
    /// the model's outputs on it, without CBPE (Gyre knows no held-out rows with labels for it).
    /// </summary>
    public static string BuildJson(ModelPredictor predictor, DataTable reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(reference);
        return ProfileDocument(predictor, reference, cancellationToken).ToJsonString();
    }

    private static JsonObject ProfileDocument(ModelPredictor predictor, DataTable data, CancellationToken cancellationToken)
    {
        var frame = MonitoredFrames.FromTable(data);
        var scoring = predictor.Score(data, cancellationToken);
        if (scoring.IsComplete && scoring.Predictions.Count == data.RowCount)
        {
            frame = MonitoredFrames.WithPredictions(frame, scoring.Predictions, predictor.Labels.Task).Frame;
        }

        return new JsonObject
        {
            ["format_version"] = FormatVersion,
            ["profile"] = JsonNode.Parse(DatasetSketch.Build(frame).ToJson()),
        };
    }

    /// <summary>Reads a baseline written by <see cref="BuildJson(DataTable, TrainingOutcome, CancellationToken)"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="GyreException">InvalidInput naming the source for malformed JSON or another format version.</exception>
    public static (DatasetSketch Profile, Cbpe? Estimator) Read(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonObject document;
        try
        {
            document = JsonNode.Parse(json) as JsonObject ?? throw GyreException.InvalidInput($"{source}: expected a JSON object.");
        }
        catch (JsonException error)
        {
            throw new GyreException(ErrorKind.InvalidInput, $"{source}: not valid JSON: {error.Message}", error);
        }

        if (document["format_version"] is not JsonValue version || !version.TryGetValue<int>(out var number) || number != FormatVersion)
        {
            throw GyreException.InvalidInput($"{source}: format_version {document["format_version"]?.ToJsonString() ?? "(missing)"}; this Gyre reads {FormatVersion}.");
        }

        // A bare profile (the first form of this file) is a baseline without calibration.
        var profile = document["profile"] is JsonObject nested
            ? DatasetSketch.FromJson(nested.ToJsonString(), source + " (profile)")
            : DatasetSketch.FromJson(json, source);
        if (document["cbpe"] is not JsonObject cbpe)
        {
            return (profile, null);
        }

        if (cbpe["thresholds"] is not JsonArray thresholds || cbpe["values"] is not JsonArray values
            || cbpe["threshold"] is not JsonValue thresholdValue || !thresholdValue.TryGetValue<double>(out var threshold))
        {
            throw GyreException.InvalidInput($"{source}: field 'cbpe' needs 'thresholds' and 'values' arrays and a numeric 'threshold'.");
        }

        return (profile, Cbpe.FromCalibration(Numbers(thresholds, source, "cbpe.thresholds"), Numbers(values, source, "cbpe.values"), threshold));
    }

    private static List<double> Numbers(JsonArray array, string source, string field) =>
        [.. array.Select((node, i) => node is JsonValue value && value.TryGetValue<double>(out var number)
            ? number
            : throw GyreException.InvalidInput($"{source}: {field}[{i}] is not a number."))];

    /// <summary>CBPE fitted on the evaluation rows (binary models only), or null when there are none or they hold one class.</summary>
    private static Cbpe? Calibrate(TrainingOutcome outcome, CancellationToken cancellationToken)
    {
        var labels = outcome.Labels;
        if (labels.Task != TaskKind.Binary || labels.PositiveClass is not { } positive || outcome.EvaluationTable is not { RowCount: > 0 } rows
            || rows.Schema.Find(labels.Label) is null)
        {
            return null;
        }

        var scoring = outcome.Model.Predictor.Score(rows, cancellationToken);
        if (!scoring.IsComplete)
        {
            return null;
        }

        var label = rows[labels.Label];
        var usable = Enumerable.Range(0, rows.RowCount)
            .Where(r => scoring.Predictions[r].Probability is { } p && double.IsFinite(p) && MonitoredFrames.LabelText(label, r) is not null)
            .ToList();
        var actuals = usable.Select(r => MonitoredFrames.LabelText(label, r) == positive).ToList();
        return actuals.Distinct().Count() < 2 ? null : Cbpe.Fit([.. usable.Select(r => scoring.Predictions[r].Probability!.Value)], actuals);
    }
}
