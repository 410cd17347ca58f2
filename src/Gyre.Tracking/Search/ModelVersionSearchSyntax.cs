namespace Gyre.Tracking.Search;

/// <summary>
/// Parses MLflow's model-versions search filter and order_by (reference §7.4): <c>name</c>,
/// <c>source_path</c>, <c>run_id</c> (also <c>IN ('a', 'b')</c> / <c>NOT IN</c>) and <c>tags.&lt;key&gt;</c>
/// with <c>= != LIKE ILIKE</c>; <c>version_number</c> with <c>= != &gt; &gt;= &lt; &lt;=</c> and a number; AND
/// only. order_by <c>name</c>, <c>version_number</c>, <c>creation_timestamp</c>,
/// <c>last_updated_timestamp</c> (alias <c>timestamp</c>). Thread-safe (stateless). Errors are
/// GyreException InvalidInput quoting the offending text.
/// </summary>
public static class ModelVersionSearchSyntax
{
    /// <summary>The clauses of <paramref name="filter"/> (AND only); empty for null or blank.</summary>
    public static IReadOnlyList<SearchClause> ParseFilter(string? filter) => SearchFilterParser.Parse(filter, ModelVersionSearchVocabulary.Instance);

    /// <summary>The terms of <paramref name="orderBy"/>, first = highest priority; empty for null.</summary>
    public static IReadOnlyList<OrderTerm> ParseOrderBy(IReadOnlyList<string>? orderBy) => OrderByParser.Parse(orderBy, ModelVersionSearchVocabulary.Instance);
}
