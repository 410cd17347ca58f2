namespace Gyre.Tracking.Search;

/// <summary>
/// What a filter identifier resolved to: the canonical entity and key, whether its values are numbers or quoted
/// strings, and the comparators it accepts (a field accepting <see cref="SearchComparator.In"/> takes a list).
/// </summary>
internal sealed record SearchField(SearchEntity Entity, string Key, bool IsNumeric, IReadOnlyList<SearchComparator> Comparators)
{
    /// <summary>How messages name the field, e.g. <c>metric 'acc'</c>, <c>parameter 'lr'</c>, <c>attribute 'status'</c>.</summary>
    public string Description => $"{SearchErrors.EntityNoun(Entity)} '{Key}'";

    public static SearchField Numeric(SearchEntity entity, string key) => new(entity, key, true, SearchComparators.Numeric);

    public static SearchField Text(SearchEntity entity, string key) => new(entity, key, false, SearchComparators.Text);

    public static SearchField TextOrList(SearchEntity entity, string key) => new(entity, key, false, SearchComparators.TextOrList);
}
