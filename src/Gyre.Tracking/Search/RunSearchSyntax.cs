namespace Gyre.Tracking.Search;

/// <summary>
/// Parses MLflow's runs search filter and order_by (reference §7.1, §7.2). Thread-safe (stateless).
/// Every error is a GyreException InvalidInput whose message quotes the offending text and, like MLflow's,
/// says what was expected ("Invalid clause(s) in filter string", "Expected numeric value type for metric", ...).
/// </summary>
/// <remarks>
/// Identifiers: <c>type.key</c> or a bare attribute key. Types (case-sensitive, optionally in backticks):
/// <c>metric(s)</c>, <c>param(s)</c>/<c>parameter(s)</c>, <c>tag(s)</c>, <c>attribute(s)</c>/<c>attr</c>/<c>run</c>,
/// <c>dataset(s)</c>. The first dot ends the type, so an unquoted key may hold dots (<c>tags.mlflow.runName</c>);
/// a key with other special characters is quoted whole with <c>"</c> or backticks (<c>metrics."val-loss"</c>).
/// Values: metrics and <c>start_time</c>/<c>end_time</c> take unquoted finite numbers; everything else takes
/// <c>'...'</c> or <c>"..."</c> strings; <c>run_id</c> and datasets also take <c>IN</c> / <c>NOT IN</c> lists.
/// Comparators allowed: metrics and numeric attributes <c>= != &gt; &gt;= &lt; &lt;=</c>; params, tags and string
/// attributes <c>= != LIKE ILIKE</c>; <c>run_id</c> and datasets also <c>IN</c>, <c>NOT IN</c>.
/// </remarks>
public static class RunSearchSyntax
{
    /// <summary>The clauses of <paramref name="filter"/> (AND only); empty for null or blank.</summary>
    public static IReadOnlyList<SearchClause> ParseFilter(string? filter) => SearchFilterParser.Parse(filter, RunSearchVocabulary.Instance);

    /// <summary>The terms of <paramref name="orderBy"/>, first = highest priority; empty for null.</summary>
    public static IReadOnlyList<OrderTerm> ParseOrderBy(IReadOnlyList<string>? orderBy) => OrderByParser.Parse(orderBy, RunSearchVocabulary.Instance);
}
