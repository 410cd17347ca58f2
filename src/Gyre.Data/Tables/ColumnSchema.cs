using System.Text.Json.Serialization;

namespace Gyre.Data.Tables;

/// <summary>
/// One column of a <see cref="DatasetSchema"/>. <paramref name="Categories"/> lists the allowed values of
/// a categorical column, sorted by ordinal comparison when inferred (null for other types, or when the column has too many
/// distinct values to enumerate).
/// </summary>
public sealed record ColumnSchema(
    string Name,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ColumnType>))] ColumnType Type,
    bool Nullable = true,
    IReadOnlyList<string>? Categories = null);
