namespace Gyre.Monitoring.Datasets;

/// <summary>
/// One column of monitored data, independent of any file format. Numeric columns use NaN (or ±∞) for a
/// missing value; categorical columns use null. Values are not copied: callers must not mutate the arrays
/// while a computation runs.
/// </summary>
public abstract record MonitoredColumn(string Name)
{
    /// <summary>Number of values (rows), missing ones included.</summary>
    public abstract int Length { get; }
}

/// <summary>A numeric column; NaN and ±∞ are missing.</summary>
public sealed record NumericColumn(string Name, double[] Values) : MonitoredColumn(Name)
{
    public override int Length => Values.Length;
}

/// <summary>A categorical column; null is missing. Categories compare ordinally.</summary>
public sealed record CategoricalColumn(string Name, string?[] Values) : MonitoredColumn(Name)
{
    public override int Length => Values.Length;
}
