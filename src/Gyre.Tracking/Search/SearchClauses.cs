namespace Gyre.Tracking.Search;

/// <summary>What a search identifier names (MLflow's entity types and their aliases, see <see cref="RunSearchSyntax"/>).</summary>
public enum SearchEntity
{
    Metric,
    Param,
    Tag,
    Attribute,
    Dataset,
}

/// <summary>A filter comparator. LIKE is case-sensitive, ILIKE is not; both use SQL wildcards '%' and '_'.</summary>
public enum SearchComparator
{
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    Like,
    ILike,
    In,
    NotIn,
}

/// <summary>
/// A filter value: exactly one of <see cref="Number"/> (metrics, numeric attributes), <see cref="Text"/>
/// (params, tags, string attributes, datasets) or <see cref="List"/> (IN / NOT IN) is set.
/// </summary>
public sealed record SearchValue(double? Number, string? Text, IReadOnlyList<string>? List)
{
    public static SearchValue Of(double number) => new(number, null, null);

    public static SearchValue Of(string text) => new(null, text, null);

    public static SearchValue Of(IReadOnlyList<string> list) => new(null, null, list);
}

/// <summary>
/// One <c>identifier comparator value</c> clause; a filter is their conjunction. <see cref="Key"/> is
/// unquoted; for <see cref="SearchEntity.Attribute"/> it is the canonical attribute name (runs:
/// <c>run_id</c>, <c>run_name</c>, <c>status</c>, <c>user_id</c>, <c>artifact_uri</c>, <c>start_time</c>,
/// <c>end_time</c>; experiments: <c>name</c>, <c>creation_time</c>, <c>last_update_time</c>); for
/// <see cref="SearchEntity.Dataset"/> it is <c>name</c>, <c>digest</c> or <c>context</c>.
/// </summary>
public sealed record SearchClause(SearchEntity Entity, string Key, SearchComparator Comparator, SearchValue Value);

/// <summary>One order_by term; keys canonical as in <see cref="SearchClause"/>, plus <c>experiment_id</c> for experiments.</summary>
public sealed record OrderTerm(SearchEntity Entity, string Key, bool Ascending);
