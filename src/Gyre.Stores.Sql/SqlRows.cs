namespace Gyre.Stores.Sql;

/// <summary>
/// A block of rows to bind as parameters, stored by column (each a typed array of <see cref="Count"/>
/// values: string, long, int or double). Not thread-safe; build, bind, discard.
/// </summary>
public sealed class SqlRows(int count)
{
    private readonly List<Array> columns = [];

    /// <summary>How many rows.</summary>
    public int Count { get; } = count;

    /// <summary>The columns in order.</summary>
    public IReadOnlyList<Array> Columns => columns;

    public SqlRows Add(string[] values) => AddColumn(values);

    public SqlRows Add(long[] values) => AddColumn(values);

    public SqlRows Add(int[] values) => AddColumn(values);

    public SqlRows Add(double[] values) => AddColumn(values);

    /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1, as a new block (the whole block when it is all of them).</summary>
    public SqlRows Slice(int start, int count)
    {
        if (start == 0 && count == Count)
        {
            return this;
        }

        var slice = new SqlRows(count);
        foreach (var column in columns)
        {
            var part = Array.CreateInstance(column.GetType().GetElementType()!, count);
            Array.Copy(column, start, part, 0, count);
            slice.columns.Add(part);
        }

        return slice;
    }

    private SqlRows AddColumn(Array values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != Count)
        {
            throw new ArgumentException($"A column has {values.Length} values; the block has {Count} rows.", nameof(values));
        }

        columns.Add(values);
        return this;
    }
}
