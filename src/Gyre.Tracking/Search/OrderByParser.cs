namespace Gyre.Tracking.Search;

/// <summary>
/// Parses order_by entries <c>identifier [ASC|DESC]</c> (direction case-insensitive, default ascending; whitespace
/// around the entry is ignored) against a vocabulary. Thread-safe (stateless).
/// </summary>
internal static class OrderByParser
{
    public static IReadOnlyList<OrderTerm> Parse(IReadOnlyList<string>? orderBy, ISearchVocabulary vocabulary)
    {
        if (orderBy is null)
        {
            return [];
        }

        var terms = new List<OrderTerm>(orderBy.Count);
        foreach (var entry in orderBy)
        {
            terms.Add(ParseEntry(entry ?? string.Empty, vocabulary));
        }

        return terms;
    }

    private static OrderTerm ParseEntry(string entry, ISearchVocabulary vocabulary)
    {
        var tokens = SearchTokenizer.Tokenize(entry);
        if (tokens.Count is 0 or > 2 || tokens[0].Kind != SearchTokenKind.Path)
        {
            throw SearchErrors.InvalidOrderBy(entry);
        }

        var ascending = true;
        if (tokens.Count == 2)
        {
            var direction = tokens[1];
            if (direction.IsWord("DESC"))
            {
                ascending = false;
            }
            else if (!direction.IsWord("ASC"))
            {
                throw direction.Kind == SearchTokenKind.Path && direction.Segments.Count == 1 && !direction.Segments[0].IsQuoted
                    ? SearchErrors.InvalidOrderingKey(entry)
                    : SearchErrors.InvalidOrderBy(entry);
            }
        }

        return vocabulary.ResolveOrderTerm(SearchIdentifier.From(tokens[0]), ascending, entry);
    }
}
