using Gyre.Core;
using Gyre.Data.Loading;
using Gyre.Data.Reading;
using Gyre.Data.Schema;
using Gyre.Data.Tables;
using Gyre.Monitoring.Datasets;
using Gyre.Monitoring.Reports;
using Gyre.Training.Packaging;
using Gyre.Training.Specs;

namespace Gyre.Pipelines.Monitoring;

/// <summary>
/// Loads a data file as one side of a comparison. The model's input columns are read with the signature's types;
/// with a model, the rows are scored so that the model's outputs join the columns (prediction drift) and the
/// positive-class scores are kept (performance, CBPE).
/// </summary>
internal static class MonitoredFiles
{
    public sealed record Loaded(MonitoredFrame Frame, DataSourceInfo Info, long[]? Times, string?[]? Labels, string?[]? Predictions, double[]? Scores, IReadOnlyList<string> Warnings);

    public static async Task<Loaded> LoadAsync(string path, ModelPackage? package, string? labelColumn, string? timeColumn, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> fileColumns;
        await using (var reader = await DataFile.OpenAsync(path, null, cancellationToken))
        {
            fileColumns = reader.ColumnNames;
        }

        // The model's input types where the file has those columns (a missing one is reported by the drift test).
        var overrides = package?.Manifest.Inputs.Where(c => fileColumns.Contains(c.Name)).ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        var table = await TableLoader.LoadAsync(
            path, new TableLoadOptions { Inference = new SchemaInferenceOptions { Overrides = overrides } }, cancellationToken);
        var warnings = new List<string>();
        var frame = MonitoredFrames.FromTable(table);
        string?[]? predictions = null;
        double[]? scores = null;
        if (package is not null && table.RowCount > 0)
        {
            var scoring = package.Predictor.Score(table, cancellationToken);
            if (scoring.IsComplete)
            {
                var manifest = package.Manifest;
                (frame, var skipped) = MonitoredFrames.WithPredictions(frame, scoring.Predictions, manifest.Task);
                warnings.AddRange(skipped.Select(s => $"{path}: already has a column '{s}'; the model's output of that name was not added."));
                predictions = manifest.Task == TaskKind.Regression ? null : [.. scoring.Predictions.Select(p => p.PredictedLabel)];
                scores = manifest.Task switch
                {
                    TaskKind.Binary => [.. scoring.Predictions.Select(p => p.Probability ?? double.NaN)],
                    TaskKind.Regression => [.. scoring.Predictions.Select(p => p.Value ?? double.NaN)],
                    _ => null,
                };
            }
            else
            {
                var first = scoring.Violations[0];
                warnings.Add($"{path}: {scoring.Violations.Count} row(s) break the model's signature (first: line {first.Line}, column '{first.Column}': {first.Message}); " +
                    "prediction drift and performance are left out for this file.");
            }
        }

        var label = labelColumn ?? package?.Manifest.Label;
        string?[]? labels = null;
        if (label is not null && table.Schema.Find(label) is not null)
        {
            var column = table[label];
            labels = [.. Enumerable.Range(0, table.RowCount).Select(r => MonitoredFrames.LabelText(column, r))];
        }
        else if (labelColumn is not null)
        {
            throw GyreException.NotFound($"{path}: no label column '{labelColumn}'; its columns are: {string.Join(", ", table.Schema.Columns.Select(c => c.Name))}.");
        }

        var times = timeColumn is null ? null : Times(table, timeColumn, path);
        var info = new DataSourceInfo(path, table.RowCount, times is { Length: > 0 } ? times.Min() : null, times is { Length: > 0 } ? times.Max() + 1 : null);
        return new Loaded(frame, info, times, labels, predictions, scores, warnings);
    }

    private static long[] Times(DataTable table, string timeColumn, string path)
    {
        if (table.Schema.Find(timeColumn) is null)
        {
            throw GyreException.NotFound($"{path}: no time column '{timeColumn}'; its columns are: {string.Join(", ", table.Schema.Columns.Select(c => c.Name))}.");
        }

        var column = table[timeColumn];
        long[] times = column switch
        {
            DateTimeColumn dates => [.. dates.Values.Select(d => d is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)).ToUnixTimeMilliseconds() : long.MinValue)],
            Data.Tables.NumericColumn numbers => [.. numbers.Values.Select(v => double.IsFinite(v) ? (long)v : long.MinValue)],
            _ => throw GyreException.InvalidInput($"{path}: time column '{timeColumn}' holds {column.Type} values; it needs date-times or Unix milliseconds."),
        };
        var missing = Array.IndexOf(times, long.MinValue);
        if (missing >= 0)
        {
            throw GyreException.InvalidInput($"{path}, line {table.LineOf(missing)}: time column '{timeColumn}' is empty or not a time.");
        }

        return times;
    }
}
