using System.Text.Json;
using System.Text.Json.Serialization;
using Gyre.Data.Tables;

namespace Gyre.Data.Profiling;

/// <summary>
/// Summary statistics of one column. <see cref="Count"/> is the number of non-missing values and
/// <see cref="Missing"/> the number of missing ones. <see cref="Distinct"/> counts distinct non-missing
/// values exactly unless <see cref="DistinctCapped"/> (then it is the cap, a lower bound). Numeric columns
/// fill <see cref="Min"/>…<see cref="Histogram"/> (<see cref="Std"/> is the sample standard deviation,
/// ddof = 1, null with fewer than two values); date-time columns fill <see cref="MinTimestamp"/> and
/// <see cref="MaxTimestamp"/>; categorical, boolean and text columns fill <see cref="TopValues"/>
/// (most frequent first, ties by ordinal value order). Fields that do not apply are null.
/// </summary>
public sealed record ColumnProfile(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type"), JsonConverter(typeof(SnakeCaseColumnTypeConverter))] ColumnType Type,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("missing")] long Missing,
    [property: JsonPropertyName("distinct")] long Distinct,
    [property: JsonPropertyName("distinct_capped")] bool DistinctCapped,
    [property: JsonPropertyName("min")] double? Min = null,
    [property: JsonPropertyName("max")] double? Max = null,
    [property: JsonPropertyName("mean")] double? Mean = null,
    [property: JsonPropertyName("std")] double? Std = null,
    [property: JsonPropertyName("quantiles")] QuantileSummary? Quantiles = null,
    [property: JsonPropertyName("histogram")] Histogram? Histogram = null,
    [property: JsonPropertyName("min_timestamp")] DateTime? MinTimestamp = null,
    [property: JsonPropertyName("max_timestamp")] DateTime? MaxTimestamp = null,
    [property: JsonPropertyName("top_values")] IReadOnlyList<CategoryCount>? TopValues = null);

/// <summary>Writes <see cref="ColumnType"/> as "numeric", "date_time", … and reads it ignoring case.</summary>
public sealed class SnakeCaseColumnTypeConverter() : JsonStringEnumConverter<ColumnType>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);
