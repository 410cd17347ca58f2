namespace Gyre.Tracking.Search;

/// <summary>
/// Parses MLflow's registered-models search filter and order_by (reference §7.3): <c>name</c> and
/// <c>tags.&lt;key&gt;</c> with <c>= != LIKE ILIKE</c>, AND only; order_by <c>name</c>,
/// <c>creation_timestamp</c>, <c>last_updated_timestamp</c> (alias <c>timestamp</c>, canonicalised to
/// <c>last_updated_timestamp</c>). Same lexical rules as <see cref="RunSearchSyntax"/>. Thread-safe
/// (stateless). Errors are GyreException InvalidInput quoting the offending text.
/// </summary>
public static class RegisteredModelSearchSyntax
{
    /// <summary>The clauses of <paramref name="filter"/> (AND only); empty for null or blank.</summary>
    public static IReadOnlyList<SearchClause> ParseFilter(string? filter) => SearchFilterParser.Parse(filter, RegisteredModelSearchVocabulary.Instance);

    /// <summary>The terms of <paramref name="orderBy"/>, first = highest priority; empty for null.</summary>
    public static IReadOnlyList<OrderTerm> ParseOrderBy(IReadOnlyList<string>? orderBy) => OrderByParser.Parse(orderBy, RegisteredModelSearchVocabulary.Instance);
}
