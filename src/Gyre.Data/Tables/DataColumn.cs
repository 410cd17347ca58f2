using System.Globalization;

namespace Gyre.Data.Tables;

/// <summary>
/// A typed, immutable column of a <see cref="DataTable"/>. Missing values: NaN for numeric, null otherwise.
/// </summary>
public abstract class DataColumn(string name)
{
    public string Name { get; } = name;

    public abstract ColumnType Type { get; }

    public abstract int Length { get; }

    public abstract bool IsMissing(int row);

    /// <summary>The value as invariant-culture text (round-trippable for numbers), or null when missing.</summary>
    public abstract string? FormatValue(int row);

    /// <summary>A new column holding the given rows, in the given order.</summary>
    public abstract DataColumn Take(IReadOnlyList<int> rows);
}

public sealed class NumericColumn(string name, double[] values) : DataColumn(name)
{
    public double[] Values { get; } = values;

    public override ColumnType Type => ColumnType.Numeric;

    public override int Length => Values.Length;

    public override bool IsMissing(int row) => double.IsNaN(Values[row]);

    public override string? FormatValue(int row) => IsMissing(row) ? null : Values[row].ToString("R", CultureInfo.InvariantCulture);

    public override DataColumn Take(IReadOnlyList<int> rows) => new NumericColumn(Name, [.. rows.Select(r => Values[r])]);
}

public sealed class BooleanColumn(string name, bool?[] values) : DataColumn(name)
{
    public bool?[] Values { get; } = values;

    public override ColumnType Type => ColumnType.Boolean;

    public override int Length => Values.Length;

    public override bool IsMissing(int row) => Values[row] is null;

    public override string? FormatValue(int row) => Values[row] switch { null => null, true => "true", false => "false" };

    public override DataColumn Take(IReadOnlyList<int> rows) => new BooleanColumn(Name, [.. rows.Select(r => Values[r])]);
}

/// <summary>A categorical or text column.</summary>
public sealed class StringColumn : DataColumn
{
    public StringColumn(string name, ColumnType type, string?[] values) : base(name)
    {
        if (type is not (ColumnType.Categorical or ColumnType.Text))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "A string column is categorical or text.");
        }

        Type = type;
        Values = values;
    }

    public string?[] Values { get; }

    public override ColumnType Type { get; }

    public override int Length => Values.Length;

    public override bool IsMissing(int row) => Values[row] is null;

    public override string? FormatValue(int row) => Values[row];

    public override DataColumn Take(IReadOnlyList<int> rows) => new StringColumn(Name, Type, [.. rows.Select(r => Values[r])]);
}

public sealed class DateTimeColumn(string name, DateTime?[] values) : DataColumn(name)
{
    public DateTime?[] Values { get; } = values;

    public override ColumnType Type => ColumnType.DateTime;

    public override int Length => Values.Length;

    public override bool IsMissing(int row) => Values[row] is null;

    public override string? FormatValue(int row) => Values[row]?.ToString("o", CultureInfo.InvariantCulture);

    public override DataColumn Take(IReadOnlyList<int> rows) => new DateTimeColumn(Name, [.. rows.Select(r => Values[r])]);
}
