using System.Globalization;
using Gyre.Core;
using Gyre.Data.Reading;
using global::Parquet;
using global::Parquet.Schema;

namespace Gyre.Data.Parquet;

/// <summary>
/// Streams a Parquet file one row group at a time (memory: one row group's values as text). Flat schemas
/// only: every top-level field is a primitive column. Values are handed out as invariant-culture text so
/// that inference and loading treat Parquet and CSV alike: numbers round-trip ("R"), booleans are
/// "true"/"false", timestamps are ISO 8601 ("o"), dates "yyyy-MM-dd". Nulls and NaN are missing; string
/// values matching a missing marker are missing too. <see cref="Line"/> is the 1-based row number.
/// </summary>
public sealed class ParquetRecordReader : IRecordReader
{
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;
    private readonly MissingValueMatcher _missing;
    private readonly string?[] _current;
    private string?[][] _groupColumns = [];
    private int _groupRows;
    private int _rowInGroup;
    private int _nextGroup;

    private ParquetRecordReader(string path, ParquetReader reader, DataField[] fields, MissingValueMatcher missing)
    {
        Path = path;
        _reader = reader;
        _fields = fields;
        _missing = missing;
        ColumnNames = [.. fields.Select(f => f.Name)];
        _current = new string?[fields.Length];
    }

    public string Path { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    public long? HeaderLine => null;

    public IReadOnlyList<string?> Current => _current;

    public long Line { get; private set; }

    public static async Task<ParquetRecordReader> OpenAsync(string path, ReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new ReadOptions();
        DataFile.ThrowIfMissing(path);
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(path, null, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new GyreException(ErrorKind.InvalidInput, $"{path} is not a readable Parquet file: {ex.Message}", ex);
        }

        try
        {
            var fields = new List<DataField>();
            foreach (var field in reader.Schema.Fields)
            {
                if (field is not DataField data || data.IsArray)
                {
                    throw GyreException.InvalidInput(
                        $"{path}, column '{field.Name}': nested and repeated Parquet columns are not supported; flatten the file first.");
                }

                if (data.ClrType == typeof(byte[]) || data.ClrType == typeof(ReadOnlyMemory<byte>))
                {
                    throw GyreException.InvalidInput($"{path}, column '{field.Name}': binary Parquet columns are not supported.");
                }

                fields.Add(data);
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in fields.Where(f => !seen.Add(f.Name)))
            {
                throw GyreException.InvalidInput($"{path}: column name '{field.Name}' appears more than once.");
            }

            return new ParquetRecordReader(path, reader, [.. fields], new MissingValueMatcher(options.MissingMarkers));
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        while (_rowInGroup >= _groupRows)
        {
            if (_nextGroup >= _reader.RowGroupCount)
            {
                return false;
            }

            await LoadRowGroupAsync(_nextGroup++, cancellationToken);
        }

        for (var c = 0; c < _fields.Length; c++)
        {
            _current[c] = _groupColumns[c][_rowInGroup];
        }

        _rowInGroup++;
        Line++;
        return true;
    }

    public string FormatLocation(long line) => $"{Path} row {line}";

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

    private async Task LoadRowGroupAsync(int index, CancellationToken cancellationToken)
    {
        using var group = _reader.OpenRowGroupReader(index);
        var rows = checked((int)group.RowCount);
        var columns = new string?[_fields.Length][];
        for (var c = 0; c < _fields.Length; c++)
        {
            try
            {
                columns[c] = await ReadColumnAsync(group, _fields[c], rows, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException)
            {
                throw new GyreException(ErrorKind.InvalidInput, $"{Path}, row group {index}, column '{_fields[c].Name}': cannot read the column: {ex.Message}", ex);
            }
        }

        _groupColumns = columns;
        _groupRows = rows;
        _rowInGroup = 0;
    }

    private async Task<string?[]> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
    {
        var type = field.ClrType;
        // Parquet.Net 6 reports UTF-8 string columns as ReadOnlyMemory<char>; they read through the string overload.
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var values = new string?[rows];
            await group.ReadAsync(field, values.AsMemory()!, null, cancellationToken);
            for (var i = 0; i < rows; i++)
            {
                if (values[i] is { } s && _missing.IsMissing(s))
                {
                    values[i] = null;
                }
            }

            return values;
        }

        return type switch
        {
            _ when type == typeof(double) => await ReadStructAsync<double>(group, field, rows, v => double.IsNaN(v) ? null : v.ToString("R", CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(float) => await ReadStructAsync<float>(group, field, rows, v => float.IsNaN(v) ? null : v.ToString("R", CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(decimal) => await ReadStructAsync<decimal>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(long) => await ReadStructAsync<long>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(int) => await ReadStructAsync<int>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(short) => await ReadStructAsync<short>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(sbyte) => await ReadStructAsync<sbyte>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(byte) => await ReadStructAsync<byte>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(ushort) => await ReadStructAsync<ushort>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(uint) => await ReadStructAsync<uint>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(ulong) => await ReadStructAsync<ulong>(group, field, rows, v => v.ToString(CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(bool) => await ReadStructAsync<bool>(group, field, rows, v => v ? "true" : "false", cancellationToken),
            _ when type == typeof(DateTime) => await ReadStructAsync<DateTime>(group, field, rows, v => v.ToString("o", CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(DateTimeOffset) => await ReadStructAsync<DateTimeOffset>(group, field, rows, v => v.ToString("o", CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(DateOnly) => await ReadStructAsync<DateOnly>(group, field, rows, v => v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(TimeOnly) => await ReadStructAsync<TimeOnly>(group, field, rows, v => v.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(TimeSpan) => await ReadStructAsync<TimeSpan>(group, field, rows, v => v.ToString("c", CultureInfo.InvariantCulture), cancellationToken),
            _ => throw GyreException.InvalidInput($"{Path}, column '{field.Name}': Parquet type {type} is not supported."),
        };
    }

    private static async Task<string?[]> ReadStructAsync<T>(ParquetRowGroupReader group, DataField field, int rows, Func<T, string?> format, CancellationToken cancellationToken)
        where T : struct
    {
        var text = new string?[rows];
        if (field.IsNullable)
        {
            var values = new T?[rows];
            await group.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken);
            for (var i = 0; i < rows; i++)
            {
                text[i] = values[i] is { } v ? format(v) : null;
            }
        }
        else
        {
            var values = new T[rows];
            await group.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken);
            for (var i = 0; i < rows; i++)
            {
                text[i] = format(values[i]);
            }
        }

        return text;
    }
}
