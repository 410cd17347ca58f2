using System.Runtime.CompilerServices;
using Gyre.Core;
using Gyre.Data.Reading;

namespace Gyre.Data.Csv;

/// <summary>
/// Cuts a delimited text file into <see cref="CsvChunk"/>s of whole records for parallel parsing, reading raw bytes
/// (no decoding, no string per field): the fast path of batch scoring. The header is read and checked by
/// <see cref="CsvRecordReader"/> (same delimiter detection and header rules); records are cut at line breaks outside
/// quotes, so a quoted field may hold delimiters and line breaks. Memory: one chunk and the partial record after it.
/// Files whose lines end with a lone CR are not handled here: <see cref="OpenAsync"/> returns null for them, and the
/// caller reads them with <see cref="CsvRecordReader"/>. Not thread-safe (one reader thread); chunks are immutable.
/// </summary>
public sealed class CsvChunkReader : IAsyncDisposable
{
    /// <summary>A record longer than this is taken for an unterminated quote.</summary>
    public const int MaxRecordBytes = 64 << 20;

    private const int ReadSize = 1 << 20;
    private const byte Quote = (byte)'"';
    private const byte LineFeed = (byte)'\n';

    private readonly FileStream _stream;
    private byte[] _carry = [];
    private int _carryLength;
    private long _nextLine;
    private bool _endOfFile;
    private double _bytesPerRecord = 128;

    private CsvChunkReader(string path, FileStream stream, IReadOnlyList<string> columnNames, byte delimiter, long firstLine)
    {
        Path = path;
        _stream = stream;
        ColumnNames = columnNames;
        Delimiter = delimiter;
        _nextLine = firstLine;
    }

    public string Path { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    public byte Delimiter { get; }

    /// <summary>The file's size in bytes.</summary>
    public long Length => _stream.Length;

    /// <summary>Bytes handed out in chunks so far (for progress).</summary>
    public long Position { get; private set; }

    /// <summary>
    /// Opens <paramref name="path"/>, reads and checks its header, and positions the reader on the first record;
    /// null when the file's line breaks are lone CRs or its delimiter is not one byte (read those with
    /// <see cref="CsvRecordReader"/>). Errors are <see cref="CsvRecordReader.OpenAsync"/>'s.
    /// </summary>
    public static async Task<CsvChunkReader?> OpenAsync(string path, ReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> columns;
        char delimiter;
        await using (var header = await CsvRecordReader.OpenAsync(path, options, cancellationToken))
        {
            columns = header.ColumnNames;
            delimiter = header.Delimiter;
        }

        if (delimiter > 127)
        {
            return null;
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            var reader = new CsvChunkReader(path, stream, columns, (byte)delimiter, 1);
            if (!await reader.SkipHeaderAsync(cancellationToken))
            {
                await reader.DisposeAsync();
                return null;
            }

            return reader;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The next chunk of up to <paramref name="maxRecords"/> records (blank lines count), or null at the end of the
    /// file. Throws InvalidInput naming the file and line for a quoted field that never ends.
    /// </summary>
    public async ValueTask<CsvChunk?> ReadChunkAsync(int maxRecords, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        var capacity = (int)Math.Clamp(_bytesPerRecord * maxRecords * 1.1, 4096, int.MaxValue / 2);
        var buffer = new byte[Math.Max(capacity, _carryLength + 4096)];
        _carry.AsSpan(0, _carryLength).CopyTo(buffer);
        var length = _carryLength;
        var scanned = 0;
        var records = 0;
        var cut = 0;
        var inQuotes = false;
        while (true)
        {
            scanned = Scan(buffer.AsSpan(0, length), scanned, maxRecords, ref records, ref cut, ref inQuotes);
            if (records == maxRecords)
            {
                break;
            }

            if (_endOfFile)
            {
                if (length > cut)
                {
                    if (inQuotes)
                    {
                        throw GyreException.InvalidInput($"{Path} line {_nextLine + CountLines(buffer.AsSpan(0, cut))}: a quoted field is not closed before the end of the file.");
                    }

                    cut = length;
                    records++;
                }

                break;
            }

            if (length == buffer.Length)
            {
                if (buffer.Length - cut > MaxRecordBytes)
                {
                    throw GyreException.InvalidInput($"{Path} line {_nextLine + CountLines(buffer.AsSpan(0, cut))}: a record runs over {MaxRecordBytes >> 20} MB; is a quote left open?");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await _stream.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length - length, ReadSize)), cancellationToken);
            _endOfFile = read == 0;
            length += read;
        }

        _carryLength = length - cut;
        if (_carry.Length < _carryLength)
        {
            _carry = new byte[Math.Max(_carryLength, _carry.Length * 2)];
        }

        buffer.AsSpan(cut, _carryLength).CopyTo(_carry);
        if (cut == 0)
        {
            return null;
        }

        var chunk = new CsvChunk(Path, buffer.AsMemory(0, cut), _nextLine, Delimiter, ColumnNames.Count);
        _nextLine += CountLines(buffer.AsSpan(0, cut));
        _bytesPerRecord = Math.Max(16, (double)cut / Math.Max(1, records));
        Position += cut;
        return chunk;
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    /// <summary>Scans <paramref name="data"/> from <paramref name="from"/> for record ends; returns where to resume.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Scan(ReadOnlySpan<byte> data, int from, int maxRecords, ref int records, ref int cut, ref bool inQuotes)
    {
        var position = from;
        while (position < data.Length && records < maxRecords)
        {
            var next = inQuotes ? data[position..].IndexOf(Quote) : data[position..].IndexOfAny(Quote, LineFeed);
            if (next < 0)
            {
                return data.Length;
            }

            position += next;
            if (data[position] == Quote)
            {
                inQuotes = !inQuotes;
            }
            else
            {
                records++;
                cut = position + 1;
            }

            position++;
        }

        return position;
    }

    private static long CountLines(ReadOnlySpan<byte> data) => data.Count(LineFeed);

    /// <summary>Skips the BOM, blank lines and the header record; false when a lone CR ends a line in the first block.</summary>
    private async Task<bool> SkipHeaderAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[ReadSize];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await _stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        _endOfFile = length < buffer.Length;
        var data = buffer.AsSpan(0, length);
        for (var cr = data.IndexOf((byte)'\r'); cr >= 0; cr = data[(cr + 1)..].IndexOf((byte)'\r') is var next and >= 0 ? cr + 1 + next : -1)
        {
            if (cr + 1 < data.Length && data[cr + 1] != LineFeed)
            {
                return false;
            }
        }

        var position = data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var inQuotes = false;
        var headerSeen = false;
        var headerEnded = false;
        while (position < data.Length && !headerEnded)
        {
            var b = data[position++];
            if (b == Quote)
            {
                inQuotes = !inQuotes;
                headerSeen = true;
            }
            else if (b == LineFeed)
            {
                _nextLine++;
                headerEnded = headerSeen && !inQuotes;
            }
            else if (b != (byte)'\r')
            {
                headerSeen = true;
            }
        }

        if (!headerEnded && !_endOfFile)
        {
            throw GyreException.InvalidInput($"{Path}: the header runs over {ReadSize >> 20} MB.");
        }

        var start = position;
        _carry = buffer;
        _carryLength = length - start;
        buffer.AsSpan(start, _carryLength).CopyTo(buffer);
        Position = start;
        return true;
    }
}
