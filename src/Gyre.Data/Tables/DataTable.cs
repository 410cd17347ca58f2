namespace Gyre.Data.Tables;

/// <summary>
/// An immutable in-memory columnar table: the form in which Gyre hands data to training and scoring.
/// <see cref="SourceLines"/>, when known, gives each row's 1-based line number in the source file so
/// that errors found later (e.g. a value outside a model's signature) can name the line.
/// </summary>
public sealed class DataTable
{
    public DataTable(DatasetSchema schema, IReadOnlyList<DataColumn> columns, IReadOnlyList<long>? sourceLines = null, string? sourcePath = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        if (schema.Columns.Count != columns.Count)
        {
            throw new ArgumentException("The schema and the columns differ in count.", nameof(columns));
        }

        var rowCount = columns.Count == 0 ? 0 : columns[0].Length;
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Length != rowCount || columns[i].Name != schema.Columns[i].Name || columns[i].Type != schema.Columns[i].Type)
            {
                throw new ArgumentException($"Column {i} ('{columns[i].Name}') does not match the schema or the row count.", nameof(columns));
            }
        }

        if (sourceLines is not null && sourceLines.Count != rowCount)
        {
            throw new ArgumentException("There must be one source line per row.", nameof(sourceLines));
        }

        Schema = schema;
        Columns = columns;
        RowCount = rowCount;
        SourceLines = sourceLines;
        SourcePath = sourcePath;
    }

    public DatasetSchema Schema { get; }

    public IReadOnlyList<DataColumn> Columns { get; }

    public int RowCount { get; }

    public IReadOnlyList<long>? SourceLines { get; }

    public string? SourcePath { get; }

    /// <summary>The named column; throws NotFound naming the known columns.</summary>
    public DataColumn this[string name] => Columns[IndexOfOrThrow(name)];

    /// <summary>The 1-based source line of a row, or the row's 1-based position when lines are unknown.</summary>
    public long LineOf(int row) => SourceLines?[row] ?? row + 1;

    /// <summary>A new table with the given rows, in the given order (used for splits and folds).</summary>
    public DataTable Take(IReadOnlyList<int> rows) =>
        new(Schema, [.. Columns.Select(c => c.Take(rows))], SourceLines is null ? null : [.. rows.Select(r => SourceLines[r])], SourcePath);

    /// <summary>A new table without the named columns (missing names are ignored).</summary>
    public DataTable Without(params IReadOnlyCollection<string> names)
    {
        var keep = Enumerable.Range(0, Columns.Count).Where(i => !names.Contains(Columns[i].Name)).ToArray();
        return new DataTable(new DatasetSchema([.. keep.Select(i => Schema.Columns[i])]), [.. keep.Select(i => Columns[i])], SourceLines, SourcePath);
    }

    private int IndexOfOrThrow(string name)
    {
        _ = Schema.Get(name);
        return Schema.IndexOf(name);
    }
}
