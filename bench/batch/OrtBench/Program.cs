// ort-bench MODEL_PACKAGE MODEL.onnx DATA.csv [REPEATS]
// Featurizes DATA.csv as Gyre's scorer does (untimed), then times ONNX Runtime on the in-memory inputs in batches of
// 10,000 rows, the best of REPEATS (default 3) passes. Prints one JSON line: {"rows": N, "seconds": S, "rows_per_s": R}.
// Gyre's featurizer is internal to Gyre.Training, so this benchmark reaches it by reflection.
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Gyre.Data.Loading;
using Gyre.Data.Schema;
using Gyre.Data.Tables;
using Gyre.Training.Packaging;
using Gyre.Training.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: ort-bench MODEL_PACKAGE MODEL.onnx DATA.csv [REPEATS]");
    return 2;
}

var package = await ModelPackage.LoadAsync(args[0]);
var repeats = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 3;
var overrides = package.Manifest.Inputs.ToDictionary(c => c.Name, _ => ColumnType.Text, StringComparer.Ordinal);
var table = await TableLoader.LoadAsync(args[2], new TableLoadOptions { Inference = new SchemaInferenceOptions { Overrides = overrides } });
var training = typeof(ModelPackage).Assembly;
var checkedTable = training.GetType("Gyre.Training.Scoring.SignatureChecker")!.GetMethod("Check")!.Invoke(null, [table, package.Predictor.Signature])!;
var conformed = (DataTable)checkedTable.GetType().GetProperty("Conformed")!.GetValue(checkedTable)!;
var view = (IDataView)training.GetType("Gyre.Training.Featurization.FeatureViewBuilder")!.GetMethod("Build")!.Invoke(null, [conformed, package.Predictor.Signature, null])!;
var rows = conformed.RowCount;

using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
using var session = new InferenceSession(args[1], options);
var columns = session.InputMetadata.ToDictionary(kv => kv.Key, kv => kv.Value.ElementType == typeof(string)
    ? (Array)view.GetColumn<ReadOnlyMemory<char>>(view.Schema[kv.Key]).Select(m => m.ToString()).ToArray()
    : kv.Value.ElementType == typeof(bool) ? view.GetColumn<bool>(view.Schema[kv.Key]).ToArray() : view.GetColumn<float>(view.Schema[kv.Key]).ToArray());
const int Batch = 10_000;
var best = double.MaxValue;
var checksum = 0.0;
for (var pass = 0; pass < repeats; pass++)
{
    var watch = Stopwatch.StartNew();
    checksum = 0;
    for (var start = 0; start < rows; start += Batch)
    {
        var n = Math.Min(Batch, rows - start);
        var inputs = new List<NamedOnnxValue>();
        foreach (var (name, values) in columns)
        {
            int[] shape = [n, 1];
            inputs.Add(values switch
            {
                float[] f => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(f.AsMemory(start, n), shape)),
                string[] s => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(s.AsMemory(start, n), shape)),
                bool[] b => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<bool>(b.AsMemory(start, n), shape)),
                _ => throw new InvalidOperationException(name),
            });
        }

        using var results = session.Run(inputs, ["Probability.output"]);
        foreach (var p in results[0].AsEnumerable<float>()) checksum += p;
    }

    best = Math.Min(best, watch.Elapsed.TotalSeconds);
}

Console.WriteLine(JsonSerializer.Serialize(new { rows, seconds = best, rows_per_s = rows / best, probability_sum = checksum }));
return 0;
