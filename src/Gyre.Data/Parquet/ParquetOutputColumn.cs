namespace Gyre.Data.Parquet;

/// <summary>
/// One column of a Parquet file written by <see cref="ParquetChunkWriter"/>: a non-empty, unique name and a
/// nullable value kind (text, number or integer).
/// </summary>
public sealed record ParquetOutputColumn(string Name, ParquetOutputKind Kind);
