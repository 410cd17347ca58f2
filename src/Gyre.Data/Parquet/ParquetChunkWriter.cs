using Gyre.Data.Files;
using global::Parquet;
using global::Parquet.Schema;

namespace Gyre.Data.Parquet;

/// <summary>
/// Writes a flat Parquet file chunk by chunk (one row group per <see cref="WriteRowGroupAsync"/> call, so memory
/// holds one chunk, never the whole file), atomically: the file is built in a temp file beside the target
/// (<see cref="AtomicFile.TempPathFor"/>) and replaces the target only on <see cref="CommitAsync"/>; disposing
/// without committing deletes the temp file and leaves the target untouched. Every column is optional (nullable).
/// A file committed with no rows has zero row groups and still carries the schema. Not thread-safe.
/// </summary>
public sealed class ParquetChunkWriter : IAsyncDisposable
{
    private readonly string _path;
    private readonly string _tempPath;
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly ParquetOutputColumn[] _columns;
    private readonly DataField[] _fields;
    private bool _closed;
    private bool _faulted;
    private bool _committed;

    private ParquetChunkWriter(string path, string tempPath, FileStream stream, ParquetWriter writer, ParquetOutputColumn[] columns, DataField[] fields)
    {
        _path = path;
        _tempPath = tempPath;
        _stream = stream;
        _writer = writer;
        _columns = columns;
        _fields = fields;
    }

    /// <summary>The full path of the target file.</summary>
    public string Path => _path;

    /// <summary>The columns, in file order.</summary>
    public IReadOnlyList<ParquetOutputColumn> Columns => _columns;

    /// <summary>Rows written so far (over all row groups).</summary>
    public long RowCount { get; private set; }

    /// <summary>Row groups written so far; empty chunks are not counted.</summary>
    public int RowGroupCount { get; private set; }

    /// <summary>
    /// Creates the temp file beside <paramref name="path"/> (creating its folder) and writes the schema.
    /// Throws <see cref="ArgumentException"/> for no columns, an empty or repeated column name, or an unknown kind.
    /// </summary>
    public static async Task<ParquetChunkWriter> CreateAsync(string path, IReadOnlyList<ParquetOutputColumn> columns, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(columns);
        var fields = BuildFields(columns);
        var full = System.IO.Path.GetFullPath(path);
        var temp = AtomicFile.TempPathFor(full);
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true);
        try
        {
            var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, null, false, cancellationToken);
            return new ParquetChunkWriter(full, temp, stream, writer, [.. columns], fields);
        }
        catch
        {
            await stream.DisposeAsync();
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Writes one row group of <paramref name="rowCount"/> rows. <paramref name="columns"/>[i] holds column i's
    /// values: a <c>string?[]</c> (Text), <c>double?[]</c> (Number) or <c>long?[]</c> (Integer) at least
    /// <paramref name="rowCount"/> long; only the first <paramref name="rowCount"/> values are written. A chunk of
    /// zero rows writes nothing. Throws <see cref="ArgumentException"/> naming the column for a wrong array type or
    /// a too-short array (nothing is written then), and <see cref="InvalidOperationException"/> after commit or
    /// dispose. If writing fails part-way (I/O error, cancellation) the writer can no longer commit; dispose it.
    /// </summary>
    public async Task WriteRowGroupAsync(IReadOnlyList<Array> columns, int rowCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ThrowIfClosed();
        if (columns.Count != _columns.Length)
        {
            throw new ArgumentException($"Expected {_columns.Length} column arrays ({string.Join(", ", _columns.Select(c => c.Name))}), got {columns.Count}.", nameof(columns));
        }

        for (var i = 0; i < _columns.Length; i++)
        {
            Validate(_columns[i], columns[i], rowCount);
        }

        if (rowCount == 0)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        _faulted = true; // until the row group is complete: a half-written group must never be committed
        using (var group = _writer.CreateRowGroup())
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                var field = _fields[i];
                switch (columns[i])
                {
                    case string?[] text:
                        await group.WriteAsync(field, new ArraySegment<string>(text!, 0, rowCount), null);
                        break;
                    case double?[] numbers:
                        await group.WriteAsync<double>(field, new ReadOnlyMemory<double?>(numbers, 0, rowCount), null, null, cancellationToken);
                        break;
                    case long?[] integers:
                        await group.WriteAsync<long>(field, new ReadOnlyMemory<long?>(integers, 0, rowCount), null, null, cancellationToken);
                        break;
                }
            }

            group.CompleteValidate();
        }

        _faulted = false;

        RowCount += rowCount;
        RowGroupCount++;
    }

    /// <summary>Writes the footer, closes the file and moves it into place, replacing an existing file.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        if (_faulted)
        {
            throw new InvalidOperationException($"A row group for {_path} failed part-way; the file cannot be committed, dispose the writer.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        await CloseAsync();
        await _stream.FlushAsync(cancellationToken);
        await _stream.DisposeAsync();
        File.Move(_tempPath, _path, overwrite: true);
        _committed = true;
    }

    /// <summary>Closes the file; without a successful <see cref="CommitAsync"/> the temp file is deleted.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync();
        }
        catch (Exception ex) when (!_committed && ex is IOException or InvalidOperationException or InvalidDataException)
        {
            // The file is being discarded: a failure writing its footer does not matter.
        }
        finally
        {
            await _stream.DisposeAsync();
            if (!_committed)
            {
                File.Delete(_tempPath);
            }
        }
    }

    private async Task CloseAsync()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        await _writer.DisposeAsync();
    }

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            throw new InvalidOperationException($"The Parquet writer for {_path} is already committed or disposed.");
        }
    }

    private static DataField[] BuildFields(IReadOnlyList<ParquetOutputColumn> columns)
    {
        if (columns.Count == 0)
        {
            throw new ArgumentException("A Parquet output needs at least one column.", nameof(columns));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var fields = new DataField[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i] ?? throw new ArgumentException($"Column {i} is null.", nameof(columns));
            if (string.IsNullOrEmpty(column.Name))
            {
                throw new ArgumentException($"Column {i} has an empty name.", nameof(columns));
            }

            if (!seen.Add(column.Name))
            {
                throw new ArgumentException($"Column name '{column.Name}' appears more than once.", nameof(columns));
            }

            fields[i] = column.Kind switch
            {
                ParquetOutputKind.Text => new DataField<string>(column.Name, nullable: true),
                ParquetOutputKind.Number => new DataField<double?>(column.Name),
                ParquetOutputKind.Integer => new DataField<long?>(column.Name),
                _ => throw new ArgumentException($"Column '{column.Name}' has unknown kind {column.Kind}.", nameof(columns)),
            };
        }

        return fields;
    }

    private static void Validate(ParquetOutputColumn column, Array? values, int rowCount)
    {
        var (expected, ok) = column.Kind switch
        {
            ParquetOutputKind.Text => ("string?[]", values is string?[]),
            ParquetOutputKind.Number => ("double?[]", values is double?[]),
            _ => ("long?[]", values is long?[]),
        };
        if (!ok)
        {
            var actual = values is null ? "null" : values.GetType().Name;
            throw new ArgumentException($"Column '{column.Name}' ({column.Kind}) needs a {expected}, got {actual}.", nameof(values));
        }

        if (values!.Length < rowCount)
        {
            throw new ArgumentException($"Column '{column.Name}' has {values.Length} values, fewer than the {rowCount} rows of the chunk.", nameof(values));
        }
    }
}
