using Gyre.Data.Tables;
using Gyre.Training.Specs;

namespace Gyre.Training.Featurization;

/// <summary>
/// Turns a <see cref="DataTable"/> whose columns match a signature's names and types into the ML.NET view the
/// pipeline reads. Input column i of the signature becomes view column "f{i}" (date-times become
/// "f{i}.year", ".month", ".day", ".day_of_week", ".hour"), so user column names never clash with ours.
/// </summary>
internal static class FeatureViewBuilder
{
    public const string LabelColumn = "__gyre_label";
    public const string FeaturesColumn = "__gyre_features";

    public static readonly string[] DateTimeParts = ["year", "month", "day", "day_of_week", "hour"];

    public static DataTableDataView Build(DataTable table, IReadOnlyList<SignatureColumn> signature, ViewColumn? label = null)
    {
        var columns = new List<ViewColumn>();
        for (var i = 0; i < signature.Count; i++)
        {
            var source = table[signature[i].Name];
            var name = InputName(i);
            switch (signature[i].Kind)
            {
                case FeatureKind.Numeric:
                    columns.Add(new SingleViewColumn(name, NumericValues(source)));
                    break;
                case FeatureKind.DateTime:
                    var values = ((DateTimeColumn)source).Values;
                    columns.Add(new SingleViewColumn($"{name}.year", r => values[r] is { } d ? d.Year : float.NaN));
                    columns.Add(new SingleViewColumn($"{name}.month", r => values[r] is { } d ? d.Month : float.NaN));
                    columns.Add(new SingleViewColumn($"{name}.day", r => values[r] is { } d ? d.Day : float.NaN));
                    columns.Add(new SingleViewColumn($"{name}.day_of_week", r => values[r] is { } d ? (float)d.DayOfWeek : float.NaN));
                    columns.Add(new SingleViewColumn($"{name}.hour", r => values[r] is { } d ? d.Hour : float.NaN));
                    break;
                default:
                    columns.Add(new TextViewColumn(name, r => source.FormatValue(r) ?? string.Empty));
                    break;
            }
        }

        if (label is not null)
        {
            columns.Add(label);
        }

        return new DataTableDataView(columns, table.RowCount);
    }

    public static string InputName(int index) => $"f{index}";

    private static Func<int, float> NumericValues(DataColumn source) => source switch
    {
        NumericColumn numeric => r => (float)numeric.Values[r],
        BooleanColumn boolean => r => boolean.Values[r] switch { null => float.NaN, true => 1f, false => 0f },
        _ => throw new InvalidOperationException($"Column '{source.Name}' is not numeric."),
    };
}
