namespace Gyre.Data.Reading;

/// <summary>
/// How a data file is read. <see cref="Delimiter"/> applies to delimited text only: null detects it from
/// the first records among <c>,</c> <c>;</c> tab and <c>|</c> (a <c>.tsv</c> file defaults to tab).
/// <see cref="MissingMarkers"/> are compared with each field after trimming white space, ignoring case;
/// in Parquet files they apply to string columns (real nulls and NaN are always missing).
/// </summary>
public sealed record ReadOptions
{
    /// <summary>The markers read as a missing value unless told otherwise: empty, NA, N/A, NaN, null and ?.</summary>
    public static IReadOnlyList<string> DefaultMissingMarkers { get; } = ["", "NA", "N/A", "NaN", "null", "?"];

    public char? Delimiter { get; init; }

    public IReadOnlyList<string> MissingMarkers { get; init; } = DefaultMissingMarkers;
}
