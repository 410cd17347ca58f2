using Gyre.Core;

namespace Gyre.Monitoring.Datasets;

/// <summary>
/// A set of equally long, uniquely named columns: the reference or the current data of a monitoring
/// computation. Immutable once built; column order is kept.
/// </summary>
public sealed class MonitoredFrame
{
    private readonly Dictionary<string, MonitoredColumn> _byName;

    /// <exception cref="GyreException">InvalidInput naming the column when two columns share a name or lengths differ.</exception>
    public MonitoredFrame(IReadOnlyList<MonitoredColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _byName = new Dictionary<string, MonitoredColumn>(StringComparer.Ordinal);
        var rowCount = columns.Count == 0 ? 0 : columns[0].Length;
        foreach (var column in columns)
        {
            if (!_byName.TryAdd(column.Name, column))
            {
                throw GyreException.InvalidInput($"Column '{column.Name}' appears twice in the monitored data.");
            }

            if (column.Length != rowCount)
            {
                throw GyreException.InvalidInput(
                    $"Column '{column.Name}' has {column.Length} values but column '{columns[0].Name}' has {rowCount}.");
            }
        }

        Columns = columns;
        RowCount = rowCount;
    }

    public IReadOnlyList<MonitoredColumn> Columns { get; }

    public int RowCount { get; }

    /// <summary>The named column, or null.</summary>
    public MonitoredColumn? Find(string name) => _byName.GetValueOrDefault(name);
}
