using Gyre.Data.Csv;

namespace Gyre.Pipelines.Batch;

/// <summary>Records cut from a delimited text file as raw bytes; parsed straight from UTF-8, copied raw to a comma CSV.</summary>
internal sealed class CsvInputChunk(CsvChunk chunk) : InputChunk
{
    private const byte Comma = (byte)',';
    private CsvChunkRecords? _records;
    private byte[]? _scratch;

    public override string File => chunk.Path;

    /// <summary>The split records; built on first use, by the worker that owns this chunk.</summary>
    public CsvChunkRecords Records => _records ??= new CsvChunkRecords(chunk);

    public override int Count => Records.Count;

    public override long Bytes => chunk.Bytes.Length;

    public override long LineOf(int record) => Records.LineOf(record);

    public override string? MalformedReason(int record) => Records.MalformedReason(record);

    public override string? Parse(int record, int column, SignatureCells cells, int row, int signatureIndex) =>
        cells.Parse(row, signatureIndex, Records.Value(record, column, ref _scratch));

    public override string? Text(int record, int column) => Records.Text(record, column);

    public override void WriteCsvField(int record, int column, Utf8CsvBuilder output)
    {
        if (chunk.Delimiter == Comma)
        {
            output.WriteRawField(Records.RawField(record, column));
        }
        else
        {
            output.WriteField(Records.Value(record, column, ref _scratch));
        }
    }

    public override void WriteCsvRecord(int record, Utf8CsvBuilder output)
    {
        if (Records.MalformedReason(record) is not null)
        {
            output.WriteField(Records.RawRecord(record));
        }
        else if (chunk.Delimiter == Comma)
        {
            output.WriteRawField(Records.RawRecord(record));
        }
        else
        {
            for (var column = 0; column < chunk.ColumnCount; column++)
            {
                WriteCsvField(record, column, output);
            }
        }
    }
}
