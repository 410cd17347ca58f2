using System.Globalization;

namespace Gyre.Tracking.Search;

/// <summary>
/// Parses <c>clause [AND clause]...</c> against a vocabulary. A clause is <c>identifier comparator value</c>;
/// the comparator is a symbol (<c>= != &gt; &gt;= &lt; &lt;=</c>) or a case-insensitive word (<c>LIKE</c>,
/// <c>ILIKE</c>, <c>IN</c>, <c>NOT IN</c>); the value is an unquoted number, a quoted string, or for IN / NOT IN a
/// parenthesised, comma-separated list of quoted strings. Checks run in MLflow's order: clause shape, identifier,
/// comparator, value. Thread-safe (stateless).
/// </summary>
internal static class SearchFilterParser
{
    public static IReadOnlyList<SearchClause> Parse(string? filter, ISearchVocabulary vocabulary)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return [];
        }

        var tokens = SearchTokenizer.Tokenize(filter);
        var semicolon = tokens.FindIndex(token => token.Kind == SearchTokenKind.Semicolon);
        if (semicolon >= 0 && tokens.Skip(semicolon).Any(token => token.Kind != SearchTokenKind.Semicolon))
        {
            throw SearchErrors.MultipleExpressions(filter);
        }

        var clauses = new List<SearchClause>();
        foreach (var group in SplitOnAnd(filter, tokens))
        {
            clauses.Add(ParseClause(filter, group, vocabulary));
        }

        return clauses;
    }

    /// <summary>The token runs between top-level ANDs (an AND inside parentheses does not split); throws for an empty run.</summary>
    private static List<List<SearchToken>> SplitOnAnd(string filter, List<SearchToken> tokens)
    {
        var groups = new List<List<SearchToken>>();
        var current = new List<SearchToken>();
        var depth = 0;
        foreach (var token in tokens)
        {
            depth += token.Kind switch
            {
                SearchTokenKind.OpenParen => 1,
                SearchTokenKind.CloseParen => -1,
                _ => 0,
            };
            if (depth == 0 && token.IsWord("AND"))
            {
                if (current.Count == 0)
                {
                    throw SearchErrors.DanglingAnd(filter, token.Start);
                }

                groups.Add(current);
                current = [];
                continue;
            }

            current.Add(token);
        }

        if (current.Count == 0)
        {
            throw SearchErrors.DanglingAnd(filter, tokens[^1].Start);
        }

        groups.Add(current);
        return groups;
    }

    private static SearchClause ParseClause(string filter, List<SearchToken> tokens, ISearchVocabulary vocabulary)
    {
        var clause = filter[tokens[0].Start..tokens[^1].End];
        var first = tokens[0];
        if (first.Kind is SearchTokenKind.Number or SearchTokenKind.String && tokens.Count > 1)
        {
            throw SearchErrors.ExpectedIdentifier(clause, first.Raw);
        }

        if (tokens.Count < 3 || first.Kind != SearchTokenKind.Path || tokens.Exists(token => token.Kind == SearchTokenKind.Invalid))
        {
            throw SearchErrors.InvalidClause(clause);
        }

        var field = vocabulary.ResolveFilterField(SearchIdentifier.From(first));
        var (comparatorText, comparator, valueIndex) = ReadComparator(tokens);
        if (comparatorText is null)
        {
            throw SearchErrors.InvalidClause(clause);
        }

        if (comparator is not { } known || !field.Comparators.Contains(known))
        {
            throw SearchErrors.InvalidComparator(comparatorText, field);
        }

        if (valueIndex >= tokens.Count)
        {
            throw SearchErrors.InvalidClause(clause);
        }

        if (known is SearchComparator.In or SearchComparator.NotIn)
        {
            var list = ReadList(filter, tokens, valueIndex, field, comparatorText, clause);
            return new SearchClause(field.Entity, field.Key, known, SearchValue.Of(list));
        }

        if (valueIndex != tokens.Count - 1)
        {
            throw SearchErrors.InvalidClause(clause);
        }

        return new SearchClause(field.Entity, field.Key, known, ReadScalar(tokens[valueIndex], field, clause));
    }

    /// <summary>The comparator after the identifier: its text as written (null when the token is no comparator), its meaning (null for an unknown symbol), and where the value starts.</summary>
    private static (string? Text, SearchComparator? Comparator, int ValueIndex) ReadComparator(List<SearchToken> tokens)
    {
        var token = tokens[1];
        if (token.Kind == SearchTokenKind.Comparator)
        {
            return (token.Raw, SearchComparators.FromSymbol(token.Raw), 2);
        }

        if (token.IsWord("LIKE"))
        {
            return (token.Raw, SearchComparator.Like, 2);
        }

        if (token.IsWord("ILIKE"))
        {
            return (token.Raw, SearchComparator.ILike, 2);
        }

        if (token.IsWord("IN"))
        {
            return (token.Raw, SearchComparator.In, 2);
        }

        if (token.IsWord("NOT") && tokens[2].IsWord("IN"))
        {
            return ($"{token.Raw} {tokens[2].Raw}", SearchComparator.NotIn, 3);
        }

        return (null, null, 0);
    }

    private static SearchValue ReadScalar(SearchToken token, SearchField field, string clause)
    {
        if (field.IsNumeric)
        {
            if (token.Kind != SearchTokenKind.Number)
            {
                throw SearchErrors.ExpectedNumber(field, token.Raw);
            }

            var number = double.Parse(token.Raw, NumberStyles.Float, CultureInfo.InvariantCulture);
            return double.IsFinite(number) ? SearchValue.Of(number) : throw SearchErrors.NumberOutOfRange(field, token.Raw);
        }

        if (token.Kind == SearchTokenKind.String)
        {
            return SearchValue.Of(token.Text!);
        }

        if (token.IsDoubleQuotedText)
        {
            return SearchValue.Of(token.Segments[0].Text);
        }

        throw token.Kind switch
        {
            SearchTokenKind.Number => SearchErrors.ExpectedQuotedString(field, token.Raw),
            SearchTokenKind.Path => SearchErrors.NotQuoted(field, token.Raw),
            _ => SearchErrors.InvalidClause(clause),
        };
    }

    /// <summary>Reads <c>('a', "b", ...)</c> from <paramref name="start"/>; the closing parenthesis must end the clause.</summary>
    private static List<string> ReadList(string filter, List<SearchToken> tokens, int start, SearchField field, string comparator, string clause)
    {
        if (tokens[start].Kind != SearchTokenKind.OpenParen)
        {
            throw SearchErrors.ExpectedList(field, comparator, filter[tokens[start].Start..tokens[^1].End]);
        }

        var listText = filter[tokens[start].Start..tokens[^1].End];
        var values = new List<string>();
        var position = start + 1;
        while (true)
        {
            if (position >= tokens.Count)
            {
                throw SearchErrors.IllFormedList(listText, "an unclosed list");
            }

            var item = tokens[position];
            if (item.Kind == SearchTokenKind.CloseParen && values.Count == 0)
            {
                throw SearchErrors.IllFormedList(listText, "an empty list");
            }

            if (item.Kind == SearchTokenKind.String)
            {
                values.Add(item.Text!);
            }
            else if (item.IsDoubleQuotedText)
            {
                values.Add(item.Segments[0].Text);
            }
            else
            {
                throw SearchErrors.IllFormedList(listText, $"{SearchErrors.Quoted(item.Raw)} where a quoted string belongs");
            }

            var separator = position + 1 < tokens.Count ? tokens[position + 1] : null;
            if (separator?.Kind == SearchTokenKind.Comma)
            {
                position += 2;
                continue;
            }

            if (separator?.Kind == SearchTokenKind.CloseParen)
            {
                return position + 2 == tokens.Count ? values : throw SearchErrors.InvalidClause(clause);
            }

            throw SearchErrors.IllFormedList(listText, separator is null ? "an unclosed list" : $"{SearchErrors.Quoted(separator.Raw)} where ',' or ')' belongs");
        }
    }
}
