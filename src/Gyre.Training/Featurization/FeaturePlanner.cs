using Gyre.Core;
using Gyre.Data.Tables;
using Gyre.Training.Specs;

namespace Gyre.Training.Featurization;

/// <summary>Decides how each column of a training table becomes features (see <see cref="FeatureKind"/>).</summary>
internal static class FeaturePlanner
{
    /// <exception cref="GyreException">InvalidInput: an override or ignore names an unknown column, an override does not fit the column's type, or no feature column is left.</exception>
    public static FeaturePlan Plan(DataTable data, TrainingSpec spec, bool normalize)
    {
        var featurization = spec.Featurization;
        foreach (var name in featurization.Columns.Keys.Concat(spec.Ignore))
        {
            if (data.Schema.Find(name) is null)
            {
                throw GyreException.InvalidInput(
                    $"Featurization names column '{name}', which is not in the data; its columns are: {string.Join(", ", data.Schema.Columns.Select(c => c.Name))}.");
            }
        }

        if (featurization.HashBits is < 1 or > 30)
        {
            throw GyreException.InvalidInput($"featurization.hash_bits must be between 1 and 30; got {featurization.HashBits}.");
        }

        var columns = new List<SignatureColumn>();
        foreach (var column in data.Columns)
        {
            if (column.Name == spec.Label || spec.Ignore.Contains(column.Name))
            {
                continue;
            }

            var kind = featurization.Columns.TryGetValue(column.Name, out var overridden) ? overridden : DefaultKind(column);
            if (kind == FeatureKind.Ignore)
            {
                continue;
            }

            CheckFits(column, kind);
            var nullable = Enumerable.Range(0, column.Length).Any(column.IsMissing);
            if (kind is FeatureKind.Categorical or FeatureKind.OneHot)
            {
                var categories = Enumerable.Range(0, column.Length).Select(column.FormatValue).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                if (kind == FeatureKind.OneHot || categories.Count <= featurization.OneHotMaxCardinality)
                {
                    categories.Sort(StringComparer.Ordinal);
                    columns.Add(new SignatureColumn(column.Name, column.Type, FeatureKind.OneHot, nullable, categories));
                    continue;
                }

                kind = FeatureKind.Hash;
            }

            columns.Add(new SignatureColumn(column.Name, column.Type, kind, nullable));
        }

        if (columns.Count == 0)
        {
            throw GyreException.InvalidInput($"No feature columns are left besides the label '{spec.Label}'; check ignore and featurization.");
        }

        return new FeaturePlan(columns, featurization.HashBits, normalize);
    }

    /// <summary>Rows from which a string column with a distinct, single-token value in every row is taken for an identifier.</summary>
    internal const int IdentifierMinimumRows = 20;

    /// <summary>
    /// The kind a column gets without an override. A string column whose values are all present, all
    /// distinct and free of white space (with at least <see cref="IdentifierMinimumRows"/> rows) is an
    /// identifier such as a transaction id: it cannot generalize, so it is ignored.
    /// </summary>
    private static FeatureKind DefaultKind(DataColumn column) =>
        column is StringColumn strings && IsIdentifier(strings) ? FeatureKind.Ignore : DefaultKind(column.Type);

    private static bool IsIdentifier(StringColumn column)
    {
        if (column.Length < IdentifierMinimumRows)
        {
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in column.Values)
        {
            if (value is null || value.Any(char.IsWhiteSpace) || !seen.Add(value))
            {
                return false;
            }
        }

        return true;
    }

    private static FeatureKind DefaultKind(ColumnType type) => type switch
    {
        ColumnType.Numeric or ColumnType.Boolean => FeatureKind.Numeric,
        ColumnType.Categorical => FeatureKind.Categorical,
        ColumnType.Text => FeatureKind.Text,
        ColumnType.DateTime => FeatureKind.DateTime,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static void CheckFits(DataColumn column, FeatureKind kind)
    {
        var fits = kind switch
        {
            FeatureKind.Numeric => column.Type is ColumnType.Numeric or ColumnType.Boolean,
            FeatureKind.DateTime => column.Type == ColumnType.DateTime,
            _ => true,
        };
        if (!fits)
        {
            throw GyreException.InvalidInput(
                $"Column '{column.Name}' is {column.Type.ToString().ToLowerInvariant()} and cannot be featurized as {kind.ToString().ToLowerInvariant()}.");
        }
    }
}
