using System.Globalization;
using Gyre.Core;
using Gyre.Tracking.Search;

namespace Gyre.Stores.Sql;

/// <summary>
/// Collects the pieces of one search query (joins, conditions, order terms) and its parameters, and
/// translates filter comparisons into the dialect's SQL. Values are always bound as parameters, never
/// spliced into the text. Not thread-safe; one per query.
/// </summary>
internal sealed class SqlQueryBuilder(SqlDialect dialect)
{
    private readonly List<(string Name, object? Value)> parameters = [];

    public SqlDialect Dialect { get; } = dialect;

    public List<string> Joins { get; } = [];

    public List<string> Conditions { get; } = [];

    public List<string> Order { get; } = [];

    public (string Name, object? Value)[] Parameters => [.. parameters];

    /// <summary>Binds <paramref name="value"/> and returns the parameter's name.</summary>
    public string Parameter(object? value)
    {
        var name = "@q" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameters.Add((name, value));
        return name;
    }

    /// <summary>The query: <paramref name="columns"/> of <paramref name="from"/> with the joins, conditions and order collected, one page of it.</summary>
    public string ToSql(string columns, string from, long limit, long offset) => $"""
        SELECT {columns} FROM {from}
        {string.Join("\n", Joins)}
        {(Conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", Conditions))}
        ORDER BY {string.Join(", ", Order)}
        LIMIT {Parameter(limit)} OFFSET {Parameter(offset)}
        """;

    /// <summary>
    /// A condition comparing the text column <paramref name="column"/> with a string (=, !=, LIKE, ILIKE) or,
    /// for IN and NOT IN, a list; <paramref name="field"/> names the identifier in errors.
    /// <paramref name="keyValueIndexed"/>: the column is a key/value table's value (see <see cref="SqlDialect.IndexedValueEquals"/>).
    /// </summary>
    public string CompareText(string column, SearchComparator comparator, SearchValue value, string field, bool keyValueIndexed = false)
    {
        switch (comparator)
        {
            case SearchComparator.In or SearchComparator.NotIn:
                var list = value.List ?? throw ExpectedValue("a list of strings", field, comparator);
                var inList = Dialect.InList(column, Parameter(Dialect.ListValue(list)));
                return comparator == SearchComparator.In ? inList : $"NOT ({inList})";
            case SearchComparator.Like or SearchComparator.ILike:
                var pattern = LikePattern.Parse(value.Text ?? throw ExpectedValue("a string", field, comparator));
                var caseSensitive = comparator == SearchComparator.Like;
                return Dialect.LikeCondition(column, Parameter(Dialect.LikeValue(pattern, caseSensitive)), caseSensitive);
            case SearchComparator.Equal or SearchComparator.NotEqual:
                var literal = value.Text ?? throw ExpectedValue("a string", field, comparator);
                var text = Parameter(literal);
                return comparator == SearchComparator.NotEqual ? $"{column} <> {text}"
                    : keyValueIndexed ? Dialect.IndexedValueEquals(column, text, literal)
                    : $"{column} = {text}";
            default:
                throw InvalidComparator(field, comparator);
        }
    }

    /// <summary>A condition comparing the numeric column <paramref name="column"/> with a number (=, !=, &gt;, &gt;=, &lt;, &lt;=).</summary>
    public string CompareNumber(string column, SearchComparator comparator, SearchValue value, string field)
    {
        if (comparator is not (SearchComparator.Equal or SearchComparator.NotEqual or SearchComparator.Greater
            or SearchComparator.GreaterOrEqual or SearchComparator.Less or SearchComparator.LessOrEqual))
        {
            throw InvalidComparator(field, comparator);
        }

        var number = value.Number ?? throw ExpectedValue("a number", field, comparator);
        return $"{column} {Operator(comparator)} {Parameter(number)}";
    }

    /// <summary>
    /// A condition on a latest-metric row <paramref name="alias"/> (value with NaN stored as 0 and flagged
    /// by is_nan): NaN is unequal to every number and neither greater nor less than any.
    /// </summary>
    public string CompareMetric(string alias, SearchComparator comparator, SearchValue value, string field)
    {
        var comparison = CompareNumber($"{alias}.value", comparator, value, field);
        return comparator == SearchComparator.NotEqual
            ? $"({alias}.is_nan = 1 OR {comparison})"
            : $"{alias}.is_nan = 0 AND {comparison}";
    }

    /// <summary>Appends order terms: rows where <paramref name="rankExpression"/> is lower come first (always ascending), then the value in the requested direction.</summary>
    public void AddOrder(string? rankExpression, string valueExpression, bool ascending)
    {
        if (rankExpression is not null)
        {
            Order.Add(rankExpression);
        }

        Order.Add(valueExpression + (ascending ? " ASC" : " DESC"));
    }

    public static GyreException InvalidComparator(string field, SearchComparator comparator) =>
        GyreException.InvalidInput($"Invalid comparator '{Spelling(comparator)}' for '{field}' in the search filter.");

    private static GyreException ExpectedValue(string expected, string field, SearchComparator comparator) =>
        GyreException.InvalidInput($"Expected {expected} for '{field} {Spelling(comparator)}' in the search filter.");

    private static string Operator(SearchComparator comparator) => comparator switch
    {
        SearchComparator.Equal => "=",
        SearchComparator.NotEqual => "<>",
        SearchComparator.Greater => ">",
        SearchComparator.GreaterOrEqual => ">=",
        SearchComparator.Less => "<",
        SearchComparator.LessOrEqual => "<=",
        _ => throw new ArgumentOutOfRangeException(nameof(comparator), comparator, "Not a plain SQL operator."),
    };

    private static string Spelling(SearchComparator comparator) => comparator switch
    {
        SearchComparator.NotEqual => "!=",
        SearchComparator.Like => "LIKE",
        SearchComparator.ILike => "ILIKE",
        SearchComparator.In => "IN",
        SearchComparator.NotIn => "NOT IN",
        _ => Operator(comparator),
    };
}
