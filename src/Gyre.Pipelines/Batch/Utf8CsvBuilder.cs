using System.Globalization;
using System.Text;

namespace Gyre.Pipelines.Batch;

/// <summary>
/// Builds CSV rows as UTF-8 bytes in a growable buffer (one per chunk, filled by a worker, written by the writer):
/// comma separated, LF line ends, fields quoted when they hold a comma, quote, CR or LF or start or end with white
/// space (<see cref="Gyre.Data.Csv.CsvWriter"/>'s rule). Not thread-safe.
/// </summary>
internal sealed class Utf8CsvBuilder(int capacity = 1 << 16)
{
    private byte[] _buffer = new byte[Math.Max(capacity, 256)];
    private bool _rowStarted;

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, Length);

    /// <summary>Appends a field, or several comma-separated fields (a whole record), already valid as CSV (as cut from a comma file).</summary>
    public void WriteRawField(ReadOnlySpan<byte> raw)
    {
        Separate();
        Append(raw);
    }

    /// <summary>Appends a UTF-8 value, quoted when needed.</summary>
    public void WriteField(ReadOnlySpan<byte> value)
    {
        Separate();
        if (!NeedsQuotes(value))
        {
            Append(value);
            return;
        }

        Append("\""u8);
        foreach (var b in value)
        {
            if (b == (byte)'"')
            {
                Append("\"\""u8);
            }
            else
            {
                Append(b);
            }
        }

        Append("\""u8);
    }

    /// <summary>Appends a text value (null: an empty field), quoted when needed.</summary>
    public void WriteText(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Separate();
            return;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        if (byteCount <= 512)
        {
            Span<byte> bytes = stackalloc byte[byteCount];
            Encoding.UTF8.GetBytes(value, bytes);
            WriteField(bytes);
        }
        else
        {
            WriteField(Encoding.UTF8.GetBytes(value));
        }
    }

    /// <summary>Appends a number in round-trip form ("R", invariant culture); null: an empty field.</summary>
    public void WriteNumber(double? value)
    {
        Separate();
        if (value is not { } number)
        {
            return;
        }

        Ensure(32);
        number.TryFormat(_buffer.AsSpan(Length), out var written, "R", CultureInfo.InvariantCulture);
        Length += written;
    }

    public void EndRow()
    {
        Append((byte)'\n');
        _rowStarted = false;
    }

    private static bool NeedsQuotes(ReadOnlySpan<byte> value) =>
        value.Length > 0 && (value.IndexOfAny(",\"\r\n"u8) >= 0 || IsSpace(value[0]) || IsSpace(value[^1]));

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\v' or (byte)'\f';

    private void Separate()
    {
        if (_rowStarted)
        {
            Append((byte)',');
        }

        _rowStarted = true;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    private void Append(byte b)
    {
        Ensure(1);
        _buffer[Length++] = b;
    }

    private void Ensure(int extra)
    {
        if (Length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + extra));
        }
    }
}
