using System.Globalization;
using Gyre.Core;
using Gyre.Data.Tables;
using Gyre.Training.Specs;

namespace Gyre.Training.Featurization;

/// <summary>
/// Reads a table's label column into an <see cref="EncodedLabels"/>. Binary positive class, unless given:
/// boolean → true; numeric → the larger value; a yes/no, true/false, y/n or t/f pair → yes/true/y/t;
/// otherwise the less frequent value (ties: the ordinally larger one).
/// </summary>
internal static class LabelEncoder
{
    private static readonly (string Positive, string Negative)[] NamedPairs = [("yes", "no"), ("true", "false"), ("y", "n"), ("t", "f")];

    /// <summary>Builds the mapping from training data and encodes it.</summary>
    /// <exception cref="GyreException">InvalidInput naming the column, line or values at fault.</exception>
    public static EncodedLabels Fit(DataTable data, TrainingSpec spec)
    {
        var column = LabelColumn(data, spec.Label);
        RejectMissing(data, column);
        switch (spec.Task)
        {
            case TaskKind.Regression:
                if (column is not NumericColumn numeric)
                {
                    throw GyreException.InvalidInput(
                        $"Regression label '{column.Name}' must be numeric; it is {column.Type.ToString().ToLowerInvariant()}.");
                }

                return new EncodedLabels(new LabelMapping(spec.Label, TaskKind.Regression, [], null), [], [.. numeric.Values]);
            case TaskKind.Binary:
                return Encode(data, column, BinaryMapping(column, spec));
            default:
                var classes = DistinctValues(column);
                if (classes.Count < 2)
                {
                    throw GyreException.InvalidInput($"Multiclass label '{column.Name}' needs at least 2 distinct values; found: {Quote(classes)}.");
                }

                return Encode(data, column, new LabelMapping(spec.Label, TaskKind.Multiclass, Ordered(column, classes), null));
        }
    }

    /// <summary>Encodes another table (test rows) with an existing mapping.</summary>
    /// <exception cref="GyreException">InvalidInput: missing label, or a class not seen in training (naming the line).</exception>
    public static EncodedLabels Encode(DataTable data, LabelMapping mapping)
    {
        var column = LabelColumn(data, mapping.Label);
        RejectMissing(data, column);
        if (mapping.Task == TaskKind.Regression)
        {
            return column is NumericColumn numeric
                ? new EncodedLabels(mapping, [], [.. numeric.Values])
                : throw GyreException.InvalidInput($"Regression label '{column.Name}' must be numeric; it is {column.Type.ToString().ToLowerInvariant()}.");
        }

        return Encode(data, column, mapping);
    }

    private static EncodedLabels Encode(DataTable data, DataColumn column, LabelMapping mapping)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < mapping.ClassNames.Count; i++)
        {
            index[mapping.ClassNames[i]] = i;
        }

        var codes = new int[data.RowCount];
        for (var row = 0; row < codes.Length; row++)
        {
            var value = column.FormatValue(row)!;
            if (!index.TryGetValue(value, out codes[row]))
            {
                throw GyreException.InvalidInput(
                    $"{Where(data, row)}: label '{column.Name}' has value '{value}', which is not a training class ({Quote(mapping.ClassNames)}).");
            }
        }

        return new EncodedLabels(mapping, codes, []);
    }

    private static LabelMapping BinaryMapping(DataColumn column, TrainingSpec spec)
    {
        var values = DistinctValues(column);
        if (values.Count != 2)
        {
            throw GyreException.InvalidInput(
                $"Binary label '{column.Name}' must have exactly 2 distinct values; found {values.Count}: {Quote(values.Take(20).ToList())}" +
                (values.Count > 20 ? ", …" : string.Empty) + (values.Count > 2 ? ". Use task: multiclass for more classes." : "."));
        }

        string positive;
        if (spec.PositiveClass is { } requested)
        {
            positive = values.FirstOrDefault(v => v == requested)
                ?? values.FirstOrDefault(v => column is NumericColumn && SameNumber(v, requested))
                ?? values.FirstOrDefault(v => column is BooleanColumn && string.Equals(v, requested, StringComparison.OrdinalIgnoreCase))
                ?? throw GyreException.InvalidInput(
                    $"positive_class '{requested}' is not a value of label '{column.Name}'; its values are: {Quote(values)}.");
        }
        else
        {
            positive = DefaultPositive(column, values);
        }

        var negative = values.Single(v => v != positive);
        return new LabelMapping(spec.Label, TaskKind.Binary, [negative, positive], positive);
    }

    private static string DefaultPositive(DataColumn column, List<string> values)
    {
        switch (column)
        {
            case BooleanColumn:
                return "true";
            case NumericColumn:
                return values.MaxBy(v => double.Parse(v, CultureInfo.InvariantCulture))!;
        }

        foreach (var (pos, neg) in NamedPairs)
        {
            var p = values.FirstOrDefault(v => string.Equals(v, pos, StringComparison.OrdinalIgnoreCase));
            var n = values.FirstOrDefault(v => string.Equals(v, neg, StringComparison.OrdinalIgnoreCase));
            if (p is not null && n is not null)
            {
                return p;
            }
        }

        var counts = Enumerable.Range(0, column.Length).Select(column.FormatValue).GroupBy(v => v!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return values.OrderBy(v => counts[v]).ThenByDescending(v => v, StringComparer.Ordinal).First();
    }

    private static List<string> DistinctValues(DataColumn column) =>
        [.. Enumerable.Range(0, column.Length).Select(column.FormatValue).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static List<string> Ordered(DataColumn column, List<string> classes) => column is NumericColumn
        ? [.. classes.OrderBy(v => double.Parse(v, CultureInfo.InvariantCulture))]
        : classes;

    private static bool SameNumber(string value, string requested) =>
        double.TryParse(requested, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) &&
        double.Parse(value, CultureInfo.InvariantCulture) == r;

    private static DataColumn LabelColumn(DataTable data, string label)
    {
        if (data.Schema.Find(label) is null)
        {
            throw GyreException.InvalidInput(
                $"Label column '{label}' is not in the data; its columns are: {string.Join(", ", data.Schema.Columns.Select(c => c.Name))}.");
        }

        return data[label];
    }

    private static void RejectMissing(DataTable data, DataColumn column)
    {
        var missing = Enumerable.Range(0, column.Length).Where(column.IsMissing).ToList();
        if (missing.Count > 0)
        {
            var lines = string.Join(", ", missing.Take(10).Select(r => data.LineOf(r).ToString(CultureInfo.InvariantCulture)));
            throw GyreException.InvalidInput(
                $"{(data.SourcePath is null ? string.Empty : data.SourcePath + ": ")}label '{column.Name}' is missing on {missing.Count} row(s), at line(s) {lines}" +
                (missing.Count > 10 ? ", …" : string.Empty) + "; remove or fill those rows.");
        }
    }

    private static string Where(DataTable data, int row) =>
        $"{data.SourcePath ?? "data"} line {data.LineOf(row).ToString(CultureInfo.InvariantCulture)}";

    private static string Quote(IReadOnlyList<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));
}
