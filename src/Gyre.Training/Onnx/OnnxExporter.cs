using Gyre.Core;
using Gyre.Data.Files;
using Gyre.Data.Tables;
using Gyre.Training.Featurization;
using Gyre.Training.Packaging;
using Gyre.Training.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Gyre.Training.Onnx;

/// <summary>
/// Exports a model package's ML.NET pipeline (featurizers and trainer) to ONNX with Microsoft.ML.OnnxConverter
/// and proves it: the rows given are scored by ML.NET and by ONNX Runtime, and the export fails when a score
/// differs by more than the tolerance. The graph's inputs are the package's feature columns as Gyre's featurizer
/// presents them (one [rows, 1] tensor each; datetime columns split into year, month, day, day_of_week, hour).
/// </summary>
public static class OnnxExporter
{
    /// <summary>The largest score difference accepted between ML.NET and ONNX Runtime.</summary>
    public const double DefaultTolerance = 1e-5;

    /// <summary>
    /// Writes <paramref name="outputPath"/> atomically (nothing is written when the export or the check fails).
    /// InvalidState with ML.NET's reason when a step has no ONNX converter, or the difference when parity fails;
    /// InvalidInput when no row of <paramref name="rows"/> fits the model's signature.
    /// </summary>
    public static async Task<OnnxExportResult> ExportAsync(ModelPackage package, DataTable rows, string outputPath, double tolerance = DefaultTolerance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var predictor = package.Predictor;
        var view = ConformedView(predictor, rows);
        var model = predictor.Model;
        var onnx = Convert(model, view);
        var (checkedRows, difference, check, graphInputs) = CompareScores(model, view, onnx);
        if (!(difference <= tolerance))
        {
            throw GyreException.InvalidState(
                $"The ONNX export of {package.Path} does not reproduce the model: scores differ by up to {difference:R} on {checkedRows} rows (tolerance {tolerance:R}).");
        }

        await AtomicFile.WriteAllBytesAsync(outputPath, onnx, cancellationToken);
        var inputs = graphInputs.Select(i => (i.Name, i.Type, SourceColumn(i.Name, predictor))).ToList();
        return new OnnxExportResult(outputPath, onnx.LongLength, checkedRows, difference, inputs, check);
    }

    /// <summary>An ONNX Runtime session that logs errors only (its shape-merge warnings on ML.NET's graphs are harmless).</summary>
    internal static InferenceSession NewSession(byte[] onnx)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        return new InferenceSession(onnx, options);
    }

    /// <summary>The model input column behind a featurized view column "f{i}" or "f{i}.part" (see <see cref="FeatureViewBuilder"/>).</summary>
    private static string SourceColumn(string inputName, ModelPredictor predictor)
    {
        var dot = inputName.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? inputName : inputName[..dot];
        return head.Length > 1 && head[0] == 'f' && int.TryParse(head[1..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            && index < predictor.Signature.Count
            ? predictor.Signature[index].Name + (dot < 0 ? "" : inputName[dot..])
            : inputName;
    }

    private static DataTableDataView ConformedView(ModelPredictor predictor, DataTable rows)
    {
        var checkedTable = SignatureChecker.Check(rows, predictor.Signature);
        if (checkedTable.Conformed is not { } conformed)
        {
            throw GyreException.InvalidInput("No row of the check data fits the model's signature: " +
                string.Join("; ", checkedTable.Violations.Take(3).Select(v => $"line {v.Line}: {v.Message}")));
        }

        var valid = Enumerable.Range(0, rows.RowCount).Where(r => checkedTable.Valid[r]).ToArray();
        var table = valid.Length == rows.RowCount ? conformed : conformed.Take(valid);
        return FeatureViewBuilder.Build(table, predictor.Signature);
    }

    private static byte[] Convert(ITransformer model, IDataView view)
    {
        using var stream = new MemoryStream();
        try
        {
            new MLContext().Model.ConvertToOnnx(model, view, stream);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            // ML.NET names the transform it has no converter for in its message.
            throw GyreException.InvalidState($"The model cannot be exported to ONNX: {e.Message}");
        }

        return stream.ToArray();
    }

    private static bool IsScalar(IDataView view, string name) => view.Schema.GetColumnOrNull(name) is { Type: NumberDataViewType };

    /// <summary>
    /// Scores the view with ML.NET and with ONNX Runtime and compares the score users consume: the probability of a
    /// binary classifier, the prediction of a regressor. (A binary model's raw Score is a float32 sum over trees
    /// whose last bits may differ between the runtimes.)
    /// </summary>
    private static (int Rows, double MaxDifference, OnnxCheckData Check, List<(string Name, string Type)> Inputs) CompareScores(ITransformer model, DataTableDataView view, byte[] onnx)
    {
        var rowCount = checked((int)(view.GetRowCount() ?? view.GetColumn<float>(view.Schema[0]).Count()));
        var expected = model.Transform(view);
        var name = IsScalar(expected, "Probability") ? "Probability" : "Score";
        if (!IsScalar(expected, name))
        {
            throw GyreException.InvalidState("The model has no scalar Score or Probability output to check the ONNX export against (multiclass export is not checked yet).");
        }

        using var session = NewSession(onnx);
        var inputs = OnnxInputs.From(session, view, rowCount);
        using var results = session.Run(inputs);
        var mlnet = expected.GetColumn<float>(expected.Schema[name]).ToArray();
        var ort = results.First(r => r.Name == name + ".output").AsEnumerable<float>().ToArray();
        var difference = mlnet.Zip(ort).Max(p => Math.Abs((double)p.First - p.Second));
        var expectedOutputs = new Dictionary<string, float[]>(StringComparer.Ordinal) { [name + ".output"] = mlnet };
        var checkInputs = inputs.ToDictionary(i => i.Name, i => OnnxInputs.Values(i), StringComparer.Ordinal);
        var graphInputs = session.InputMetadata.Select(kv => (kv.Key, kv.Value.ElementType.Name)).ToList();
        return (rowCount, difference, new OnnxCheckData(checkInputs, expectedOutputs), graphInputs);
    }
}
