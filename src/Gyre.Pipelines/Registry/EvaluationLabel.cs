using Gyre.Core;
using Gyre.Data.Tables;

namespace Gyre.Pipelines.Registry;

/// <summary>Lets a labeled file whose ground truth has another name than the model's label be evaluated.</summary>
internal static class EvaluationLabel
{
    /// <summary>
    /// <paramref name="data"/> with column <paramref name="from"/> named <paramref name="to"/> (values, type and source
    /// lines unchanged).
    /// </summary>
    /// <exception cref="GyreException">
    /// NotFound when <paramref name="from"/> is not a column (naming the columns); InvalidInput when the file also has a
    /// column named <paramref name="to"/> (which of the two is the label would be ambiguous).
    /// </exception>
    public static DataTable Rename(DataTable data, string from, string to)
    {
        var source = data.SourcePath ?? "evaluation data";
        var index = data.Schema.IndexOf(from);
        if (index < 0)
        {
            throw GyreException.NotFound(
                $"{source}: no label column '{from}'; its columns are: {string.Join(", ", data.Schema.Columns.Select(c => c.Name))}.");
        }

        if (data.Schema.Find(to) is not null)
        {
            throw GyreException.InvalidInput($"{source}: has both the label column '{from}' and a column '{to}' (the model's label); drop one of them.");
        }

        DataColumn renamed = data.Columns[index] switch
        {
            NumericColumn c => new NumericColumn(to, c.Values),
            BooleanColumn c => new BooleanColumn(to, c.Values),
            StringColumn c => new StringColumn(to, c.Type, c.Values),
            DateTimeColumn c => new DateTimeColumn(to, c.Values),
            var other => throw GyreException.InvalidInput($"{source}: label column '{from}' has an unsupported type {other.Type}."),
        };
        var columns = data.Columns.Select((c, i) => i == index ? renamed : c).ToArray();
        var schema = new DatasetSchema([.. data.Schema.Columns.Select((c, i) => i == index ? c with { Name = to } : c)]);
        return new DataTable(schema, columns, data.SourceLines, data.SourcePath);
    }
}
