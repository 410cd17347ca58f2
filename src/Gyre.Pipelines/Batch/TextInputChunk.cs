namespace Gyre.Pipelines.Batch;

/// <summary>Records already split into strings by an <see cref="Gyre.Data.Reading.IRecordReader"/> (Parquet, or CSV the fast path leaves out).</summary>
/// <paramref name="bytes"/>: the input bytes to count as done with this chunk (the format gives no finer measure).
internal sealed class TextInputChunk(string file, IReadOnlyList<string?[]> records, IReadOnlyList<long> lines, long bytes) : InputChunk
{
    public override long Bytes => bytes;

    public override string File => file;

    public override int Count => records.Count;

    public override long LineOf(int record) => lines[record];

    public override string? MalformedReason(int record) => null;

    public override string? Parse(int record, int column, SignatureCells cells, int row, int signatureIndex) =>
        cells.Parse(row, signatureIndex, records[record][column]);

    public override string? Text(int record, int column) => records[record][column];

    public override void WriteCsvField(int record, int column, Utf8CsvBuilder output) => output.WriteText(records[record][column]);

    public override void WriteCsvRecord(int record, Utf8CsvBuilder output)
    {
        foreach (var field in records[record])
        {
            output.WriteText(field);
        }
    }
}
