using Gyre.Core;
using Gyre.Tracking.Search;

namespace Gyre.Stores.Sql;

/// <summary>
/// Translates an experiments search (MLflow §7.2) into one SQL query over <c>experiments e</c>: attributes
/// <c>name</c>, <c>creation_time</c>, <c>last_update_time</c> and <c>tags.&lt;key&gt;</c> (an experiment
/// lacking the tag never matches); order by those attributes and <c>experiment_id</c>; default order
/// creation time newest first; final tie-break experiment id descending. Thread-safe (stateless).
/// </summary>
internal static class ExperimentSearchSql
{
    public static (string Sql, (string Name, object? Value)[] Parameters) Build(
        SqlDialect dialect,
        string columns,
        string? stage,
        IReadOnlyList<SearchClause> clauses,
        IReadOnlyList<OrderTerm> order,
        long limit,
        long offset)
    {
        var query = new SqlQueryBuilder(dialect);
        if (stage is not null)
        {
            query.Conditions.Add($"e.lifecycle_stage = {query.Parameter(stage)}");
        }

        var tagJoins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var clause in clauses)
        {
            switch (clause.Entity)
            {
                case SearchEntity.Tag:
                    if (!tagJoins.TryGetValue(clause.Key, out var alias))
                    {
                        alias = "t" + tagJoins.Count;
                        tagJoins[clause.Key] = alias;
                        query.Joins.Add($"JOIN experiment_tags {alias} ON {alias}.experiment_id = e.experiment_id AND {alias}.key = {query.Parameter(clause.Key)}");
                    }

                    query.Conditions.Add(query.CompareText($"{alias}.value", clause.Comparator, clause.Value, $"tags.{clause.Key}", keyValueIndexed: true));
                    break;
                case SearchEntity.Attribute:
                    var (column, numeric) = Attribute(clause.Key, orderable: false);
                    query.Conditions.Add(numeric
                        ? query.CompareNumber(column, clause.Comparator, clause.Value, clause.Key)
                        : query.CompareText(column, clause.Comparator, clause.Value, clause.Key));
                    break;
                default:
                    throw GyreException.InvalidInput($"Invalid entity type '{clause.Entity}' in the experiments search filter: expected an attribute or tags.<key>.");
            }
        }

        foreach (var term in order)
        {
            if (term.Entity != SearchEntity.Attribute)
            {
                throw GyreException.InvalidInput($"Invalid order_by entity type '{term.Entity}': experiments order by name, experiment_id, creation_time or last_update_time.");
            }

            query.AddOrder(null, Attribute(term.Key, orderable: true).Column, term.Ascending);
        }

        if (order.Count == 0)
        {
            query.Order.Add("e.creation_time DESC");
        }

        query.Order.Add("e.experiment_id DESC");
        return (query.ToSql(columns, "experiments e", limit, offset), query.Parameters);
    }

    private static (string Column, bool Numeric) Attribute(string key, bool orderable) => key switch
    {
        "name" => ("e.name", false),
        "creation_time" => ("e.creation_time", true),
        "last_update_time" => ("e.last_update_time", true),
        "experiment_id" when orderable => ("e.experiment_id", true),
        _ => throw GyreException.InvalidInput(
            $"Invalid attribute key '{key}': expected one of name, creation_time, last_update_time{(orderable ? ", experiment_id" : "")}."),
    };
}
