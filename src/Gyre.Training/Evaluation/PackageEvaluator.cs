using System.Globalization;
using Gyre.Core;
using Gyre.Data.Tables;
using Gyre.Training.Featurization;
using Gyre.Training.Packaging;

namespace Gyre.Training.Evaluation;

/// <summary>
/// Evaluates a loaded <see cref="ModelPackage"/> on a labeled table: every row is checked against the package's
/// signature and scored, its label encoded with the package's <see cref="LabelMapping"/>, and the metrics are
/// computed as training computes its holdout metrics (same names, same values on the same rows). No row is
/// dropped silently: a row that breaks the signature, or whose label is missing or not a training class, is an
/// error. CPU-bound and synchronous; thread-safe (no shared state).
/// </summary>
public static class PackageEvaluator
{
    private const int ViolationsNamed = 5;

    /// <summary>Scores <paramref name="data"/> with <paramref name="package"/> and computes the metrics.</summary>
    /// <exception cref="GyreException">
    /// InvalidInput naming the file and line(s): no rows, the label column absent, a missing label, a label value
    /// that is not a training class, or rows that break the model's input signature (missing column, wrong type,
    /// missing value where training had none).
    /// </exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public static PackageEvaluation Evaluate(ModelPackage package, DataTable data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(data);
        var source = data.SourcePath ?? "evaluation data";
        if (data.RowCount == 0)
        {
            throw GyreException.InvalidInput($"{source}: has no rows to evaluate on.");
        }

        var labels = LabelEncoder.Encode(data, package.Predictor.Labels);
        cancellationToken.ThrowIfCancellationRequested();
        var scored = package.Predictor.Score(data, cancellationToken);
        if (!scored.IsComplete)
        {
            var named = scored.Violations.Take(ViolationsNamed).Select(v => v.Line is { } line
                ? $"line {line.ToString(CultureInfo.InvariantCulture)}: {v.Message}"
                : v.Message);
            var rows = scored.Violations.Select(v => v.Line).Distinct().Count();
            throw GyreException.InvalidInput(
                $"{source}: {scored.Violations.Count} value(s) on {rows} row(s) break the input signature of model package '{package.Path}': " +
                string.Join("; ", named) + (scored.Violations.Count > ViolationsNamed ? $"; and {scored.Violations.Count - ViolationsNamed} more." : ".") +
                " Every row of evaluation data must be scorable; fix or remove those rows.");
        }

        return new PackageEvaluation(labels, scored.Predictions);
    }
}
