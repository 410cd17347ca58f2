using System.Globalization;
using System.Runtime.CompilerServices;

namespace Gyre.Data.Csv;

/// <summary>
/// The records and fields of one <see cref="CsvChunk"/>, split in one pass without copying or decoding: each field
/// is a range of the chunk's bytes. Follows <see cref="CsvTokenizer"/>'s rules: RFC 4180 quotes (delimiters, doubled
/// quotes and line breaks inside), CRLF or LF line ends, blank lines skipped, white space after a closing quote
/// ignored. A record whose field count differs from the header's, or with text after a closing quote, is kept and
/// marked malformed (<see cref="MalformedReason"/>) instead of failing the whole chunk. Immutable once built.
/// </summary>
public sealed class CsvChunkRecords
{
    private const byte Quote = (byte)'"';
    private const byte LineFeed = (byte)'\n';
    private const byte CarriageReturn = (byte)'\r';

    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly int _columns;
    private readonly int[] _fieldStart;
    private readonly int[] _fieldEnd;
    private readonly int[] _recordStart;
    private readonly int[] _recordEnd;
    private readonly long[] _lines;
    private readonly string?[] _malformed;

    public CsvChunkRecords(CsvChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        Chunk = chunk;
        _bytes = chunk.Bytes;
        _columns = chunk.ColumnCount;
        var data = _bytes.Span;
        var capacity = data.Count(LineFeed) + 1;
        _fieldStart = new int[capacity * _columns];
        _fieldEnd = new int[capacity * _columns];
        _recordStart = new int[capacity];
        _recordEnd = new int[capacity];
        _lines = new long[capacity];
        _malformed = new string?[capacity];
        Split(data, chunk.Delimiter, chunk.FirstLine);
    }

    public CsvChunk Chunk { get; }

    /// <summary>The number of records (blank lines are not records).</summary>
    public int Count { get; private set; }

    /// <summary>The 1-based line where record <paramref name="record"/> starts.</summary>
    public long LineOf(int record) => _lines[record];

    /// <summary>Why the record cannot be read field by field (wrong field count, text after a closing quote), or null.</summary>
    public string? MalformedReason(int record) => _malformed[record];

    /// <summary>The record's bytes as in the file, without its line end.</summary>
    public ReadOnlySpan<byte> RawRecord(int record) => _bytes.Span[_recordStart[record].._recordEnd[record]];

    /// <summary>Field <paramref name="field"/> as in the file (quotes and doubled quotes included). Only for a well-formed record.</summary>
    public ReadOnlySpan<byte> RawField(int record, int field)
    {
        var slot = Slot(record, field);
        return _bytes.Span[_fieldStart[slot].._fieldEnd[slot]];
    }

    /// <summary>
    /// Field <paramref name="field"/>'s value: unquoted, doubled quotes made single (copied into
    /// <paramref name="scratch"/>, grown as needed, only when the field holds a doubled quote).
    /// </summary>
    public ReadOnlySpan<byte> Value(int record, int field, ref byte[]? scratch)
    {
        var raw = RawField(record, field);
        if (raw.Length < 2 || raw[0] != Quote)
        {
            return raw;
        }

        var inner = raw[1..raw.LastIndexOf(Quote)];
        if (inner.IndexOf(Quote) < 0)
        {
            return inner;
        }

        if (scratch is null || scratch.Length < inner.Length)
        {
            scratch = new byte[Math.Max(inner.Length, 256)];
        }

        var length = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            scratch[length++] = inner[i];
            if (inner[i] == Quote)
            {
                i++;
            }
        }

        return scratch.AsSpan(0, length);
    }

    /// <summary>Field <paramref name="field"/>'s value as a string (see <see cref="Value"/>).</summary>
    public string Text(int record, int field)
    {
        byte[]? scratch = null;
        return System.Text.Encoding.UTF8.GetString(Value(record, field, ref scratch));
    }

    private int Slot(int record, int field)
    {
        if (_malformed[record] is { } reason)
        {
            throw new InvalidOperationException($"Record at line {_lines[record]} is malformed: {reason}");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)field, (uint)_columns, nameof(field));
        return (record * _columns) + field;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Split(ReadOnlySpan<byte> data, byte delimiter, long firstLine)
    {
        var line = firstLine;
        var position = 0;
        while (position < data.Length)
        {
            if (data[position] == LineFeed || (data[position] == CarriageReturn && (position + 1 == data.Length || data[position + 1] == LineFeed)))
            {
                position += data[position] == LineFeed ? 1 : 2;
                line++;
                continue;
            }

            var record = Count++;
            _lines[record] = line;
            _recordStart[record] = position;
            var fields = 0;
            string? malformed = null;
            while (true)
            {
                var start = position;
                int end;
                if (position < data.Length && data[position] == Quote)
                {
                    end = SkipQuoted(data, position, ref line);
                    position = end;
                    while (position < data.Length && data[position] is (byte)' ' or (byte)'\t' && data[position] != delimiter)
                    {
                        position++;
                    }

                    if (position < data.Length && data[position] != delimiter && data[position] != LineFeed
                        && !(data[position] == CarriageReturn && (position + 1 == data.Length || data[position + 1] == LineFeed)))
                    {
                        malformed ??= $"field {fields + 1} has text after its closing quote";
                        var rest = data[position..].IndexOf(LineFeed);
                        position = rest < 0 ? data.Length : position + rest;
                    }
                }
                else
                {
                    var next = data[position..].IndexOfAny(delimiter, LineFeed);
                    position = next < 0 ? data.Length : position + next;
                    end = position > start && data[position - 1] == CarriageReturn && (position == data.Length || data[position] == LineFeed) ? position - 1 : position;
                }

                if (fields < _columns)
                {
                    _fieldStart[(record * _columns) + fields] = start;
                    _fieldEnd[(record * _columns) + fields] = end;
                }

                fields++;
                if (position < data.Length && data[position] == delimiter)
                {
                    position++;
                    continue;
                }

                var recordEnd = position;
                if (position < data.Length && data[position] == CarriageReturn)
                {
                    position++;
                }

                if (recordEnd > _recordStart[record] && data[recordEnd - 1] == CarriageReturn)
                {
                    recordEnd--;
                }

                _recordEnd[record] = recordEnd;
                if (position < data.Length && data[position] == LineFeed)
                {
                    position++;
                    line++;
                }

                break;
            }

            if (malformed is null && fields != _columns)
            {
                malformed = string.Create(CultureInfo.InvariantCulture, $"the record has {fields} field(s); the header has {_columns}");
            }

            _malformed[record] = malformed;
        }
    }

    /// <summary>From an opening quote at <paramref name="start"/>, the position just after the closing quote; counts line breaks inside.</summary>
    private static int SkipQuoted(ReadOnlySpan<byte> data, int start, ref long line)
    {
        var position = start + 1;
        while (true)
        {
            var next = data[position..].IndexOf(Quote);
            if (next < 0)
            {
                line += data[position..].Count(LineFeed);
                return data.Length;
            }

            line += data.Slice(position, next).Count(LineFeed);
            position += next + 1;
            if (position < data.Length && data[position] == Quote)
            {
                position++;
                continue;
            }

            return position;
        }
    }
}
