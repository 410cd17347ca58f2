using System.Globalization;
using Gyre.Data.Tables;
using Gyre.Monitoring.Datasets;
using Gyre.Training.Scoring;
using Gyre.Training.Specs;

namespace Gyre.Pipelines.Monitoring;

/// <summary>
/// Converts Gyre's tables and predictions into the monitoring layer's columns: numeric columns stay numeric
/// (NaN = missing); boolean columns become the categories "true"/"false"; categorical and text columns stay
/// categories; date-time columns are left out (drift on timestamps is meaningless across windows).
/// </summary>
public static class MonitoredFrames
{
    /// <summary>Name of the column holding the model's prediction (class label, or value for regression).</summary>
    public const string PredictionColumn = "prediction";

    /// <summary>Name of the column holding the positive-class probability of binary models.</summary>
    public const string ProbabilityColumn = "probability";

    /// <summary>The monitored columns of <paramref name="table"/>, in table order.</summary>
    public static MonitoredFrame FromTable(DataTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = new List<MonitoredColumn>(table.Columns.Count);
        foreach (var column in table.Columns)
        {
            switch (column)
            {
                case Data.Tables.NumericColumn numeric:
                    columns.Add(new Gyre.Monitoring.Datasets.NumericColumn(column.Name, numeric.Values));
                    break;
                case BooleanColumn boolean:
                    columns.Add(new CategoricalColumn(column.Name, [.. boolean.Values.Select(BooleanText)]));
                    break;
                case StringColumn text:
                    columns.Add(new CategoricalColumn(column.Name, text.Values));
                    break;
                default:
                    break;
            }
        }

        return new MonitoredFrame(columns);
    }

    /// <summary>
    /// <paramref name="frame"/> plus the model's outputs: <see cref="PredictionColumn"/> (categorical label, or
    /// numeric value for regression) and, for binary models, <see cref="ProbabilityColumn"/>. A column of the same
    /// name already in the frame is kept and the output column is left out (returned in <c>Skipped</c>).
    /// </summary>
    public static (MonitoredFrame Frame, IReadOnlyList<string> Skipped) WithPredictions(
        MonitoredFrame frame, IReadOnlyList<RowPrediction> predictions, TaskKind task)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(predictions);
        var outputs = new List<MonitoredColumn>();
        if (task == TaskKind.Regression)
        {
            outputs.Add(new Gyre.Monitoring.Datasets.NumericColumn(PredictionColumn, [.. predictions.Select(p => p.Value ?? double.NaN)]));
        }
        else
        {
            outputs.Add(new CategoricalColumn(PredictionColumn, [.. predictions.Select(p => p.PredictedLabel)]));
        }

        if (task == TaskKind.Binary)
        {
            outputs.Add(new Gyre.Monitoring.Datasets.NumericColumn(ProbabilityColumn, [.. predictions.Select(p => p.Probability ?? double.NaN)]));
        }

        var skipped = outputs.Where(o => frame.Find(o.Name) is not null).Select(o => o.Name).ToList();
        var added = outputs.Where(o => frame.Find(o.Name) is null);
        return (new MonitoredFrame([.. frame.Columns, .. added]), skipped);
    }

    /// <summary>The invariant text of a label cell: numbers in round-trip form, booleans as "true"/"false".</summary>
    public static string? LabelText(DataColumn column, int row)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column switch
        {
            BooleanColumn boolean => BooleanText(boolean.Values[row]),
            Data.Tables.NumericColumn numeric => double.IsNaN(numeric.Values[row]) ? null : numeric.Values[row].ToString("R", CultureInfo.InvariantCulture),
            _ => column.FormatValue(row),
        };
    }

    private static string? BooleanText(bool? value) => value switch { null => null, true => "true", false => "false" };
}
