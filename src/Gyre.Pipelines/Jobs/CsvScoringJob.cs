using System.Globalization;
using Gyre.Core;
using Gyre.Data.Csv;
using Gyre.Data.Loading;
using Gyre.Data.Reading;
using Gyre.Data.Schema;
using Gyre.Data.Tables;
using Gyre.Training.Packaging;
using Gyre.Training.Scoring;
using Gyre.Training.Specs;

namespace Gyre.Pipelines.Jobs;

/// <summary>What scoring a file did: rows read and scored, the violations (by line) and warnings.</summary>
public sealed record CsvScoringResult(string OutputPath, bool Written, int RowsRead, int RowsScored, IReadOnlyList<SignatureViolation> Violations, IReadOnlyList<ScoringWarning> Warnings);

/// <summary>
/// Scores a data file with a model package into a CSV: the input columns, then the model's outputs
/// (binary: predicted_label, probability; multiclass: predicted_label, probability, probability_CLASS...;
/// regression: prediction). Input columns the model uses are read as text and checked against the
/// package's signature, so that every bad row is reported by line (not only the first). With violations
/// nothing is written unless <c>skipInvalid</c>, which writes the valid rows only.
/// </summary>
public static class CsvScoringJob
{
    public static async Task<CsvScoringResult> RunAsync(ModelPackage package, string inputPath, string outputPath, bool skipInvalid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        var signatureNames = package.Manifest.Inputs.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<string> fileColumns;
        await using (var reader = await DataFile.OpenAsync(inputPath, null, cancellationToken))
        {
            fileColumns = reader.ColumnNames;
        }

        var overrides = fileColumns.Where(signatureNames.Contains).ToDictionary(c => c, _ => ColumnType.Text, StringComparer.Ordinal);
        var data = await TableLoader.LoadAsync(inputPath, new TableLoadOptions { Inference = new SchemaInferenceOptions { Overrides = overrides } }, cancellationToken);
        var result = package.Predictor.Score(data, cancellationToken);
        var write = result.IsComplete || skipInvalid;
        if (write)
        {
            await WriteAsync(package.Manifest, data, result, outputPath, cancellationToken);
        }

        return new CsvScoringResult(outputPath, write, data.RowCount, result.Predictions.Count, result.Violations, result.Warnings);
    }

    private static async Task WriteAsync(PackageManifest manifest, DataTable data, ScoringResult result, string outputPath, CancellationToken cancellationToken)
    {
        var outputs = manifest.Task switch
        {
            TaskKind.Binary => ["predicted_label", "probability"],
            TaskKind.Multiclass => ["predicted_label", "probability", .. manifest.ClassNames.Select(c => "probability_" + c)],
            _ => new List<string> { "prediction" },
        };
        var clash = outputs.FirstOrDefault(o => data.Schema.Find(o) is not null);
        if (clash is not null)
        {
            throw GyreException.InvalidInput($"The input already has a column named '{clash}', which the output would repeat; rename it.");
        }

        var rowByLine = new Dictionary<long, int>(data.RowCount);
        for (var row = 0; row < data.RowCount; row++)
        {
            rowByLine[data.LineOf(row)] = row;
        }

        await using var writer = new CsvWriter(outputPath, [.. data.Schema.Columns.Select(c => c.Name), .. outputs]);
        foreach (var prediction in result.Predictions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = rowByLine[prediction.Line];
            writer.WriteRow(data.Columns.Select(c => c.FormatValue(row)).Concat(Outputs(manifest.Task, prediction)));
        }

        await writer.CommitAsync(cancellationToken);
    }

    private static IEnumerable<string?> Outputs(TaskKind task, RowPrediction prediction)
    {
        static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        if (task == TaskKind.Regression)
        {
            yield return prediction.Value is { } v ? Format(v) : null;
            yield break;
        }

        yield return prediction.PredictedLabel;
        yield return prediction.Probability is { } p ? Format(p) : null;
        if (task == TaskKind.Multiclass)
        {
            foreach (var classProbability in prediction.ClassProbabilities ?? [])
            {
                yield return Format(classProbability);
            }
        }
    }
}
