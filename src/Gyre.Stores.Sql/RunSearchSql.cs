using Gyre.Core;
using Gyre.Tracking.Search;

namespace Gyre.Stores.Sql;

/// <summary>
/// Translates a runs search (MLflow §7.1, §7.2) into one SQL query over <c>runs r</c> returning the page's
/// run rows: metric clauses compare the latest value (a run lacking the key never matches, even for
/// <c>!=</c>), param and tag clauses the stored value; order terms put runs lacking the key last (and, for
/// metrics, NaN after numbers), then break ties by start time newest first and run id. Thread-safe (stateless).
/// </summary>
internal static class RunSearchSql
{
    /// <param name="columns">The select list over <c>r</c>.</param>
    /// <param name="experimentKeys">The experiments searched (at least one).</param>
    /// <param name="stage">The lifecycle stage selected, or null for every stage.</param>
    public static (string Sql, (string Name, object? Value)[] Parameters) Build(
        SqlDialect dialect,
        string columns,
        IReadOnlyList<long> experimentKeys,
        string? stage,
        IReadOnlyList<SearchClause> clauses,
        IReadOnlyList<OrderTerm> order,
        long limit,
        long offset)
    {
        var query = new SqlQueryBuilder(dialect);
        query.Conditions.Add(experimentKeys.Count == 1
            ? $"r.experiment_id = {query.Parameter(experimentKeys[0])}"
            : dialect.InList("r.experiment_id", query.Parameter(dialect.ListValue(experimentKeys))));
        if (stage is not null)
        {
            query.Conditions.Add($"r.lifecycle_stage = {query.Parameter(stage)}");
        }

        // One inner join per (entity, key) filtered on, reused by every clause and order term on that key.
        var filterJoins = new Dictionary<(SearchEntity, string), string>();
        foreach (var clause in clauses)
        {
            switch (clause.Entity)
            {
                case SearchEntity.Metric or SearchEntity.Param or SearchEntity.Tag:
                    var alias = Join(query, filterJoins, clause.Entity, clause.Key);
                    var field = $"{Prefix(clause.Entity)}.{clause.Key}";
                    query.Conditions.Add(clause.Entity == SearchEntity.Metric
                        ? query.CompareMetric(alias, clause.Comparator, clause.Value, field)
                        : query.CompareText($"{alias}.value", clause.Comparator, clause.Value, field, keyValueIndexed: true));
                    break;
                case SearchEntity.Attribute:
                    var (column, numeric) = Attribute(clause.Key);
                    query.Conditions.Add(numeric
                        ? query.CompareNumber(column, clause.Comparator, clause.Value, clause.Key)
                        : query.CompareText(column, clause.Comparator, clause.Value, clause.Key));
                    break;
                case SearchEntity.Dataset:
                    query.Conditions.Add(DatasetCondition(query, clause));
                    break;
                default:
                    throw GyreException.InvalidInput($"Invalid entity type '{clause.Entity}' in the search filter.");
            }
        }

        var orderJoins = 0;
        foreach (var term in order)
        {
            switch (term.Entity)
            {
                case SearchEntity.Metric or SearchEntity.Param or SearchEntity.Tag:
                    string alias;
                    string? rank;
                    if (filterJoins.TryGetValue((term.Entity, term.Key), out var joined))
                    {
                        alias = joined;
                        rank = term.Entity == SearchEntity.Metric ? $"{alias}.is_nan" : null;
                    }
                    else
                    {
                        alias = "o" + orderJoins++;
                        query.Joins.Add($"LEFT JOIN {Table(term.Entity)} {alias} ON {alias}.run_uuid = r.run_uuid AND {alias}.key = {query.Parameter(term.Key)}");
                        rank = term.Entity == SearchEntity.Metric
                            ? $"CASE WHEN {alias}.run_uuid IS NULL THEN 2 ELSE {alias}.is_nan END"
                            : $"CASE WHEN {alias}.run_uuid IS NULL THEN 1 ELSE 0 END";
                    }

                    query.AddOrder(rank, $"{alias}.value", term.Ascending);
                    break;
                case SearchEntity.Attribute:
                    var (column, _) = Attribute(term.Key);
                    query.AddOrder(term.Key == "end_time" ? $"CASE WHEN {column} IS NULL THEN 1 ELSE 0 END" : null, column, term.Ascending);
                    break;
                default:
                    throw GyreException.InvalidInput($"Invalid order_by entity type '{term.Entity}': runs order by metrics, params, tags and attributes.");
            }
        }

        query.Order.Add("r.start_time DESC");
        query.Order.Add("r.run_uuid ASC");
        return (query.ToSql(columns, "runs r", limit, offset), query.Parameters);
    }

    private static string Join(SqlQueryBuilder query, Dictionary<(SearchEntity, string), string> joins, SearchEntity entity, string key)
    {
        if (!joins.TryGetValue((entity, key), out var alias))
        {
            alias = "f" + joins.Count;
            joins[(entity, key)] = alias;
            query.Joins.Add($"JOIN {Table(entity)} {alias} ON {alias}.run_uuid = r.run_uuid AND {alias}.key = {query.Parameter(key)}");
        }

        return alias;
    }

    private static string Table(SearchEntity entity) => entity switch
    {
        SearchEntity.Metric => "latest_metrics",
        SearchEntity.Param => "params",
        _ => "tags",
    };

    private static string Prefix(SearchEntity entity) => entity switch
    {
        SearchEntity.Metric => "metrics",
        SearchEntity.Param => "params",
        _ => "tags",
    };

    /// <summary>The column of a run attribute and whether it is numeric; InvalidInput for an unknown attribute.</summary>
    private static (string Column, bool Numeric) Attribute(string key) => key switch
    {
        "run_id" => ("r.run_uuid", false),
        "run_name" => ("r.name", false),
        "status" => ("r.status", false),
        "user_id" => ("r.user_id", false),
        "artifact_uri" => ("r.artifact_uri", false),
        "start_time" => ("r.start_time", true),
        "end_time" => ("r.end_time", true),
        _ => throw GyreException.InvalidInput(
            $"Invalid attribute key '{key}': expected one of run_id, run_name, status, user_id, artifact_uri, start_time, end_time."),
    };

    /// <summary>The run has a dataset input whose name, digest or context (the input tag <c>mlflow.data.context</c>) satisfies the clause.</summary>
    private static string DatasetCondition(SqlQueryBuilder query, SearchClause clause)
    {
        var field = $"datasets.{clause.Key}";
        var (join, column) = clause.Key switch
        {
            "name" => ("", "d.name"),
            "digest" => ("", "d.digest"),
            "context" => ($"JOIN input_tags it ON it.input_uuid = i.input_uuid AND it.name = {query.Parameter("mlflow.data.context")}", "it.value"),
            _ => throw GyreException.InvalidInput($"Invalid dataset key '{clause.Key}': expected one of name, digest, context."),
        };
        return $"""
            EXISTS (SELECT 1 FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id {join}
                    WHERE i.destination_type = {query.Parameter("RUN")} AND i.destination_id = r.run_uuid
                      AND i.source_type = {query.Parameter("DATASET")} AND {query.CompareText(column, clause.Comparator, clause.Value, field)})
            """;
    }
}
