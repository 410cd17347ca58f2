using Gyre.Core;
using Gyre.Tracking.Search;

namespace Gyre.Stores.Sql;

/// <summary>
/// Translates registry searches into SQL: registered models (MLflow §7.3) over <c>registered_models m</c>,
/// tie-break name ascending; model versions (§7.4) over <c>model_versions v</c> joined to their model
/// <c>m</c>, tie-break name ascending then version descending. A tag clause matches only rows having the
/// tag. Thread-safe (stateless).
/// </summary>
internal static class RegistrySearchSql
{
    public static (string Sql, (string Name, object? Value)[] Parameters) BuildModels(
        SqlDialect dialect, string columns, IReadOnlyList<SearchClause> clauses, IReadOnlyList<OrderTerm> order, long limit, long offset)
    {
        var query = new SqlQueryBuilder(dialect);
        var tagJoins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var clause in clauses)
        {
            query.Conditions.Add(clause.Entity == SearchEntity.Tag
                ? TagCondition(query, tagJoins, "registered_model_tags", "m.model_id", "", clause)
                : query.CompareText("m.name", clause.Comparator, clause.Value, clause.Key));
        }

        foreach (var term in order)
        {
            query.AddOrder(null, ModelColumn(term.Key), term.Ascending);
        }

        query.Order.Add("m.name ASC");
        return (query.ToSql(columns, "registered_models m", limit, offset), query.Parameters);
    }

    public static (string Sql, (string Name, object? Value)[] Parameters) BuildVersions(
        SqlDialect dialect, string columns, string source, IReadOnlyList<SearchClause> clauses, IReadOnlyList<OrderTerm> order, long limit, long offset)
    {
        var query = new SqlQueryBuilder(dialect);
        var tagJoins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var clause in clauses)
        {
            query.Conditions.Add(clause switch
            {
                { Entity: SearchEntity.Tag } => TagCondition(query, tagJoins, "model_version_tags", "v.model_id", " AND {0}.version = v.version", clause),
                { Key: "version_number" } => query.CompareNumber("v.version", clause.Comparator, clause.Value, clause.Key),
                { Key: "run_id" } => query.CompareText("v.run_id", clause.Comparator, clause.Value, clause.Key),
                { Key: "source_path" } => query.CompareText("v.source", clause.Comparator, clause.Value, clause.Key),
                { Key: "name" } => query.CompareText("m.name", clause.Comparator, clause.Value, clause.Key),
                _ => throw GyreException.InvalidInput($"Invalid attribute key '{clause.Key}' in the model versions search filter."),
            });
        }

        foreach (var term in order)
        {
            query.AddOrder(null, term.Key == "version_number" ? "v.version" : term.Key == "name" ? "m.name" : VersionTimeColumn(term.Key), term.Ascending);
        }

        query.Order.Add("m.name ASC");
        query.Order.Add("v.version DESC");
        return (query.ToSql(columns, source, limit, offset), query.Parameters);
    }

    private static string TagCondition(SqlQueryBuilder query, Dictionary<string, string> joins, string table, string owner, string extraJoin, SearchClause clause)
    {
        if (!joins.TryGetValue(clause.Key, out var alias))
        {
            alias = "t" + joins.Count;
            joins[clause.Key] = alias;
            query.Joins.Add(
                $"JOIN {table} {alias} ON {alias}.model_id = {owner}{string.Format(System.Globalization.CultureInfo.InvariantCulture, extraJoin, alias)} AND {alias}.key = {query.Parameter(clause.Key)}");
        }

        return query.CompareText($"{alias}.value", clause.Comparator, clause.Value, $"tags.{clause.Key}");
    }

    private static string ModelColumn(string key) => key switch
    {
        "name" => "m.name",
        "creation_timestamp" => "m.creation_time",
        "last_updated_timestamp" => "m.last_updated_time",
        _ => throw GyreException.InvalidInput($"Invalid order_by key '{key}' for registered models."),
    };

    private static string VersionTimeColumn(string key) => key switch
    {
        "creation_timestamp" => "v.creation_time",
        "last_updated_timestamp" => "v.last_updated_time",
        _ => throw GyreException.InvalidInput($"Invalid order_by key '{key}' for model versions."),
    };
}
