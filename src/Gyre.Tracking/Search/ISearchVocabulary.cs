namespace Gyre.Tracking.Search;

/// <summary>
/// The identifiers one search (runs, experiments) understands. Implementations are stateless singletons and throw
/// InvalidInput naming the unknown entity type or key.
/// </summary>
internal interface ISearchVocabulary
{
    /// <summary>The field a filter clause's left-hand side names.</summary>
    SearchField ResolveFilterField(SearchIdentifier identifier);

    /// <summary>The order term for an order_by key; <paramref name="entry"/> is the whole entry, for messages.</summary>
    OrderTerm ResolveOrderTerm(SearchIdentifier identifier, bool ascending, string entry);
}
