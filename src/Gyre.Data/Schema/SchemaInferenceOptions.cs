using Gyre.Data.Tables;

namespace Gyre.Data.Schema;

/// <summary>
/// Settings of <see cref="SchemaInferrer"/>. A string column (not numeric, boolean or date-time) is
/// <see cref="ColumnType.Text"/> when any of these holds, and <see cref="ColumnType.Categorical"/> otherwise:
/// <list type="number">
/// <item>it has more than <see cref="MaxCategories"/> distinct values;</item>
/// <item>a value is longer than <see cref="MaxCategoryLength"/> characters;</item>
/// <item>its values average at least <see cref="TextMinMeanWords"/> white-space separated words and more than
/// half of its non-missing values are distinct (sentences, not labels).</item>
/// </list>
/// </summary>
public sealed record SchemaInferenceOptions
{
    public int MaxCategories { get; init; } = 1000;

    public int MaxCategoryLength { get; init; } = 100;

    public double TextMinMeanWords { get; init; } = 3;

    /// <summary>Rows to look at; null (the default) reads them all.</summary>
    public long? MaxRows { get; init; }

    /// <summary>Column name → type, applied over the inference. A name not in the file is an InvalidInput error.</summary>
    public IReadOnlyDictionary<string, ColumnType>? Overrides { get; init; }
}
