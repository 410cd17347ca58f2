using System.Text.Json;
using Gyre.Core;
using Gyre.Data.Files;
using Gyre.Data.Loading;
using Gyre.Data.Reading;
using Gyre.Data.Schema;
using Gyre.Data.Tables;
using Gyre.Training.Onnx;
using Gyre.Training.Packaging;

namespace Gyre.Pipelines.Jobs;

/// <summary>
/// `gyre export onnx`: exports a model package to ONNX and checks parity with ML.NET on the first
/// <c>rows</c> rows of a data file (held-out rows the model did not train on, read as `gyre predict` reads them).
/// With a check file, also writes those rows as the graph takes them and ML.NET's scores as JSON
/// (<c>{"rows": N, "inputs": {name: [values]}, "expected": {output: [scores]}}</c>), to check the model in another runtime.
/// </summary>
public static class OnnxExportJob
{
    public static async Task<OnnxExportResult> RunAsync(ModelPackage package, string dataPath, int rows, string outputPath, string? checkFilePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (package.Manifest.Flavor == PackageManifest.OnnxFlavor)
        {
            throw GyreException.InvalidInput(
                $"{package.Path} is an imported ONNX model: its graph is {Path.Combine(package.Path, ModelPackage.OnnxModelFileName)} already; copy that file instead of exporting.");
        }

        if (rows < 1)
        {
            throw GyreException.InvalidInput($"--rows must be at least 1; got {rows}.");
        }

        // Signature columns are read as text so the signature check parses them exactly as scoring does.
        IReadOnlyList<string> fileColumns;
        await using (var reader = await DataFile.OpenAsync(dataPath, null, cancellationToken))
        {
            fileColumns = reader.ColumnNames;
        }

        var signature = package.Manifest.Inputs.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var overrides = fileColumns.Where(signature.Contains).ToDictionary(c => c, _ => ColumnType.Text, StringComparer.Ordinal);
        var data = await TableLoader.LoadAsync(dataPath, new TableLoadOptions { Inference = new SchemaInferenceOptions { Overrides = overrides } }, cancellationToken);
        var sample = data.RowCount <= rows ? data : data.Take([.. Enumerable.Range(0, rows)]);
        var result = await OnnxExporter.ExportAsync(package, sample, outputPath, OnnxExporter.DefaultTolerance, cancellationToken);
        if (checkFilePath is not null)
        {
            var document = new { rows = result.RowsChecked, inputs = result.Check.Inputs, expected = result.Check.ExpectedOutputs };
            await AtomicFile.WriteAllTextAsync(checkFilePath, JsonSerializer.Serialize(document), cancellationToken);
        }

        return result;
    }
}
