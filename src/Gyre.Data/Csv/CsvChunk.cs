namespace Gyre.Data.Csv;

/// <summary>
/// Whole records of a delimited text file as raw UTF-8 bytes, cut by <see cref="CsvChunkReader"/>:
/// <see cref="Bytes"/> starts at the start of a line and ends just after a line break (or at the end of the file),
/// never inside a quoted field. <see cref="FirstLine"/> is the 1-based line of its first byte. Split it into
/// records and fields with <see cref="CsvChunkRecords"/> (safe on any thread: the chunk is immutable once read).
/// </summary>
public sealed class CsvChunk(string path, ReadOnlyMemory<byte> bytes, long firstLine, byte delimiter, int columnCount)
{
    /// <summary>The file the records come from, as given to the reader.</summary>
    public string Path { get; } = path;

    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    public long FirstLine { get; } = firstLine;

    public byte Delimiter { get; } = delimiter;

    /// <summary>How many fields the header has (each record should have as many).</summary>
    public int ColumnCount { get; } = columnCount;
}
