namespace Gyre.Tracking.Search;

/// <summary>
/// Parses MLflow's experiments search filter and order_by (reference §7.2): attributes <c>name</c>,
/// <c>creation_time</c>, <c>last_update_time</c> and <c>tags.&lt;key&gt;</c>. Thread-safe (stateless).
/// Errors are GyreException InvalidInput quoting the offending text.
/// </summary>
/// <remarks>
/// Same lexical rules as <see cref="RunSearchSyntax"/>. Entity types: <c>attribute</c>, <c>attributes</c>,
/// <c>tag</c>, <c>tags</c>, or none (an attribute). <c>name</c> and tags take quoted strings with
/// <c>= != LIKE ILIKE</c>; <c>creation_time</c> and <c>last_update_time</c> take numbers with
/// <c>= != &gt; &gt;= &lt; &lt;=</c>. order_by keys: <c>name</c>, <c>experiment_id</c>, <c>creation_time</c>,
/// <c>last_update_time</c> (attributes only).
/// </remarks>
public static class ExperimentSearchSyntax
{
    /// <summary>The clauses of <paramref name="filter"/> (AND only); empty for null or blank.</summary>
    public static IReadOnlyList<SearchClause> ParseFilter(string? filter) => SearchFilterParser.Parse(filter, ExperimentSearchVocabulary.Instance);

    /// <summary>The terms of <paramref name="orderBy"/>, first = highest priority; empty for null.</summary>
    public static IReadOnlyList<OrderTerm> ParseOrderBy(IReadOnlyList<string>? orderBy) => OrderByParser.Parse(orderBy, ExperimentSearchVocabulary.Instance);
}
