namespace Gyre.Pipelines.Batch;

/// <summary>
/// A run of records from one input file, in file order, as read (not yet parsed). Columns are the file's, by index.
/// Immutable and safe to read from the worker that parses it. Two kinds: raw CSV bytes (<see cref="CsvInputChunk"/>,
/// the fast path) and records already split into strings (<see cref="TextInputChunk"/>: Parquet, odd CSV).
/// </summary>
internal abstract class InputChunk
{
    /// <summary>The input file, as the user gave it.</summary>
    public abstract string File { get; }

    public abstract int Count { get; }

    /// <summary>Where record <paramref name="record"/> starts: its line (text) or row (Parquet), 1-based.</summary>
    public abstract long LineOf(int record);

    /// <summary>Why the record cannot be split into the header's fields, or null.</summary>
    public abstract string? MalformedReason(int record);

    /// <summary>Parses field <paramref name="column"/> of <paramref name="record"/> into <paramref name="cells"/>' slot; an error message or null.</summary>
    public abstract string? Parse(int record, int column, SignatureCells cells, int row, int signatureIndex);

    /// <summary>Field <paramref name="column"/>'s text as read (null only when the format has a real null).</summary>
    public abstract string? Text(int record, int column);

    /// <summary>Appends field <paramref name="column"/> to a CSV row (its text, escaped as needed).</summary>
    public abstract void WriteCsvField(int record, int column, Utf8CsvBuilder output);

    /// <summary>Appends every field of the record as CSV fields (a malformed record: its raw text as one field).</summary>
    public abstract void WriteCsvRecord(int record, Utf8CsvBuilder output);

    /// <summary>The bytes of input this chunk covers (for progress), or 0 when unknown.</summary>
    public virtual long Bytes => 0;
}
