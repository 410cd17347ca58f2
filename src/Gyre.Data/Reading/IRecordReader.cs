namespace Gyre.Data.Reading;

/// <summary>
/// A forward-only, streaming reader of a tabular file's records. Not thread-safe; dispose it to close the file.
/// Malformed input throws <see cref="Gyre.Core.GyreException"/> (InvalidInput) naming the file and line.
/// </summary>
public interface IRecordReader : IAsyncDisposable
{
    /// <summary>The file's path as given by the caller.</summary>
    string Path { get; }

    /// <summary>The column names, in file order; unique and non-empty.</summary>
    IReadOnlyList<string> ColumnNames { get; }

    /// <summary>The 1-based line of the header row, or null for formats without one (Parquet).</summary>
    long? HeaderLine { get; }

    /// <summary>
    /// The current record's fields, one per column, null where missing. The list is reused by the next
    /// <see cref="ReadAsync"/>: copy what must outlive it.
    /// </summary>
    IReadOnlyList<string?> Current { get; }

    /// <summary>Where the current record starts: its 1-based line (delimited text) or 1-based row (Parquet).</summary>
    long Line { get; }

    /// <summary>Advances to the next record; false at the end of the file.</summary>
    ValueTask<bool> ReadAsync(CancellationToken cancellationToken);

    /// <summary>A location for messages: "data.csv line 17" or "data.parquet row 17".</summary>
    string FormatLocation(long line);
}
