using Gyre.Data.Tables;
using Gyre.Training.Featurization;

namespace Gyre.Training.Validation;

/// <summary>
/// Permutation feature importance per original input column: shuffle one column's values (seeded, so
/// reproducible), rescore, and take the drop in the primary metric; repeated and summarized. The result is
/// ordered most important first (greatest mean drop; ties by column name).
/// </summary>
internal static class PermutationImportance
{
    public static List<FeatureImportance> Compute(
        TrainedModel model, DataTable rows, EncodedLabels labels, int repeats, int seed, Action<int, int>? onColumn, CancellationToken cancellationToken)
    {
        var baseline = ModelEvaluator.Evaluate(model, rows, labels).PrimaryMetric;
        var result = new List<FeatureImportance>();
        for (var c = 0; c < model.Signature.Count; c++)
        {
            onColumn?.Invoke(c + 1, model.Signature.Count);
            var index = rows.Schema.IndexOf(model.Signature[c].Name);
            var drops = new double[repeats];
            for (var r = 0; r < repeats; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var permutation = Enumerable.Range(0, rows.RowCount).ToArray();
                new Random(unchecked(seed + (1_000_003 * (c + 1)) + (7919 * r))).Shuffle(permutation);
                var columns = rows.Columns.ToArray();
                columns[index] = columns[index].Take(permutation);
                var shuffled = new DataTable(rows.Schema, columns, rows.SourceLines, rows.SourcePath);
                drops[r] = baseline - ModelEvaluator.Evaluate(model, shuffled, labels).PrimaryMetric;
            }

            var mean = drops.Average();
            var std = repeats > 1 ? Math.Sqrt(drops.Sum(d => (d - mean) * (d - mean)) / (repeats - 1)) : 0;
            result.Add(new FeatureImportance(model.Signature[c].Name, mean, std, drops));
        }

        return [.. result.OrderByDescending(i => i.Mean).ThenBy(i => i.Column, StringComparer.Ordinal)];
    }
}
