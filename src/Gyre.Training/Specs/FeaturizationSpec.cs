namespace Gyre.Training.Specs;

/// <summary>
/// Featurization settings. Columns not named in <see cref="Columns"/> get the default for their type:
/// numeric and boolean → <see cref="FeatureKind.Numeric"/>, categorical → <see cref="FeatureKind.Categorical"/>,
/// text → <see cref="FeatureKind.Text"/>, date-time → <see cref="FeatureKind.DateTime"/>.
/// </summary>
public sealed record FeaturizationSpec
{
    /// <summary>Per-column overrides, by column name (ordinal).</summary>
    public IReadOnlyDictionary<string, FeatureKind> Columns { get; init; } = new Dictionary<string, FeatureKind>(StringComparer.Ordinal);

    /// <summary>A <see cref="FeatureKind.Categorical"/> column with more distinct training values than this is hashed.</summary>
    public int OneHotMaxCardinality { get; init; } = 100;

    /// <summary>Number of hash bits (1..30) for hashed categorical columns.</summary>
    public int HashBits { get; init; } = 16;
}
