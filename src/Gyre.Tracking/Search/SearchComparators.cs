namespace Gyre.Tracking.Search;

/// <summary>The comparator sets of MLflow's grammar and their spelling.</summary>
internal static class SearchComparators
{
    public static readonly IReadOnlyList<SearchComparator> Numeric =
    [
        SearchComparator.Equal, SearchComparator.NotEqual, SearchComparator.Greater,
        SearchComparator.GreaterOrEqual, SearchComparator.Less, SearchComparator.LessOrEqual,
    ];

    public static readonly IReadOnlyList<SearchComparator> Text =
        [SearchComparator.Equal, SearchComparator.NotEqual, SearchComparator.Like, SearchComparator.ILike];

    public static readonly IReadOnlyList<SearchComparator> TextOrList = [.. Text, SearchComparator.In, SearchComparator.NotIn];

    /// <summary>The symbolic comparator spelled <paramref name="symbol"/>, or null for runs such as <c>==</c>, <c>~</c>, <c>&lt;&gt;</c>.</summary>
    public static SearchComparator? FromSymbol(string symbol) => symbol switch
    {
        "=" => SearchComparator.Equal,
        "!=" => SearchComparator.NotEqual,
        ">" => SearchComparator.Greater,
        ">=" => SearchComparator.GreaterOrEqual,
        "<" => SearchComparator.Less,
        "<=" => SearchComparator.LessOrEqual,
        _ => null,
    };

    public static string Spelling(SearchComparator comparator) => comparator switch
    {
        SearchComparator.Equal => "=",
        SearchComparator.NotEqual => "!=",
        SearchComparator.Greater => ">",
        SearchComparator.GreaterOrEqual => ">=",
        SearchComparator.Less => "<",
        SearchComparator.LessOrEqual => "<=",
        SearchComparator.Like => "LIKE",
        SearchComparator.ILike => "ILIKE",
        SearchComparator.In => "IN",
        SearchComparator.NotIn => "NOT IN",
        _ => throw new ArgumentOutOfRangeException(nameof(comparator), comparator, null),
    };
}
