namespace Gyre.Data.Validation;

/// <summary>
/// One way a file breaks a schema. <paramref name="Line"/> is the record's 1-based line (CSV) or row
/// (Parquet); for column-level problems it is the header's line, or null where there is none (Parquet).
/// <paramref name="Column"/> is null for problems not tied to a column.
/// </summary>
public sealed record SchemaViolation(long? Line, string? Column, string Message);
