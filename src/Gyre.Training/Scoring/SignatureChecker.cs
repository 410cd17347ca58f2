using System.Globalization;
using Gyre.Data.Tables;
using Gyre.Training.Featurization;
using Gyre.Training.Specs;

namespace Gyre.Training.Scoring;

/// <summary>
/// Checks a table against a model's input signature and converts its columns to the signature's types
/// (e.g. numbers read as text because one cell was bad). Violations: an absent column; a value that does not
/// convert (by line); a missing value in a column that had none in training (by line). Warnings: one-hot
/// categories never seen in training (they score as all zeros). Extra columns are ignored.
/// </summary>
internal static class SignatureChecker
{
    private const int MaxExamples = 5;

    public static CheckedTable Check(DataTable data, IReadOnlyList<SignatureColumn> signature)
    {
        var violations = new List<SignatureViolation>();
        var warnings = new List<ScoringWarning>();
        var valid = Enumerable.Repeat(true, data.RowCount).ToArray();
        var columns = new List<DataColumn>();
        var absent = false;
        foreach (var expected in signature)
        {
            if (data.Schema.Find(expected.Name) is null)
            {
                violations.Add(new SignatureViolation(null, expected.Name, ViolationKind.MissingColumn, $"Column '{expected.Name}' ({expected.Type.ToString().ToLowerInvariant()}) is required by the model but absent from the data."));
                absent = true;
                continue;
            }

            var source = data[expected.Name];
            var converted = Convert(data, source, expected, violations, valid);
            if (!expected.Nullable)
            {
                for (var row = 0; row < data.RowCount; row++)
                {
                    if (source.IsMissing(row))
                    {
                        valid[row] = false;
                        violations.Add(new SignatureViolation(data.LineOf(row), expected.Name, ViolationKind.MissingValue, $"Column '{expected.Name}' is missing a value, but it had no missing values in training."));
                    }
                }
            }

            if (expected.Kind == FeatureKind.OneHot && expected.Categories is { } categories)
            {
                WarnUnseen(converted, expected, categories, warnings);
            }

            columns.Add(converted);
        }

        if (absent)
        {
            Array.Fill(valid, false);
        }

        var conformed = absent
            ? null
            : new DataTable(new DatasetSchema([.. signature.Select(c => new ColumnSchema(c.Name, c.Type, c.Nullable, c.Categories))]), columns, data.SourceLines, data.SourcePath);
        violations.Sort((a, b) => Nullable.Compare(a.Line, b.Line));
        return new CheckedTable(conformed, valid, violations, warnings);
    }

    private static DataColumn Convert(DataTable data, DataColumn source, SignatureColumn expected, List<SignatureViolation> violations, bool[] valid)
    {
        if (source.Type == expected.Type)
        {
            return source;
        }

        switch (expected.Type)
        {
            case ColumnType.Categorical or ColumnType.Text:
                return new StringColumn(source.Name, expected.Type, [.. Enumerable.Range(0, source.Length).Select(source.FormatValue)]);
            case ColumnType.Numeric:
                return new NumericColumn(source.Name, Parse(data, source, expected, violations, valid, double.NaN, (string text, out double value) =>
                    double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value), "a number"));
            case ColumnType.Boolean:
                return new BooleanColumn(source.Name, Parse<bool?>(data, source, expected, violations, valid, null, TryParseBoolean, "true/false"));
            default:
                return new DateTimeColumn(source.Name, Parse<DateTime?>(data, source, expected, violations, valid, null, (string text, out DateTime? value) =>
                {
                    var ok = DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed);
                    value = ok ? parsed : null;
                    return ok;
                }, "a date-time"));
        }
    }

    private delegate bool TryParseText<T>(string text, out T value);

    private static T[] Parse<T>(DataTable data, DataColumn source, SignatureColumn expected, List<SignatureViolation> violations, bool[] valid, T missing, TryParseText<T> parse, string what)
    {
        var values = new T[source.Length];
        for (var row = 0; row < values.Length; row++)
        {
            var text = source.FormatValue(row);
            if (text is null)
            {
                values[row] = missing;
            }
            else if (!parse(text, out values[row]))
            {
                values[row] = missing;
                valid[row] = false;
                violations.Add(new SignatureViolation(data.LineOf(row), expected.Name, ViolationKind.WrongType, $"Column '{expected.Name}' must be {what}; got '{text}'."));
            }
        }

        return values;
    }

    private static bool TryParseBoolean(string text, out bool? value)
    {
        value = text.ToUpperInvariant() switch
        {
            "TRUE" or "T" or "YES" or "Y" or "1" => true,
            "FALSE" or "F" or "NO" or "N" or "0" => false,
            _ => null,
        };
        return value is not null;
    }

    private static void WarnUnseen(DataColumn column, SignatureColumn expected, IReadOnlyList<string> categories, List<ScoringWarning> warnings)
    {
        var known = new HashSet<string>(categories, StringComparer.Ordinal);
        var count = 0;
        var examples = new List<string>();
        for (var row = 0; row < column.Length; row++)
        {
            if (column.FormatValue(row) is { } value && !known.Contains(value))
            {
                count++;
                if (examples.Count < MaxExamples && !examples.Contains(value))
                {
                    examples.Add(value);
                }
            }
        }

        if (count > 0)
        {
            warnings.Add(new ScoringWarning(expected.Name, $"{count} row(s) of column '{expected.Name}' have a category never seen in training; they are encoded as all zeros.", count, examples));
        }
    }
}
