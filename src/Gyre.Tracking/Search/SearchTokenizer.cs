using System.Text;

namespace Gyre.Tracking.Search;

/// <summary>
/// Splits a search filter or order_by entry into <see cref="SearchToken"/>s. Never throws: text that fits no
/// token becomes <see cref="SearchTokenKind.Invalid"/> and the parser reports the clause holding it. Thread-safe (stateless).
/// </summary>
/// <remarks>
/// Quoting: <c>'...'</c> and <c>"..."</c> escape their own quote by doubling it (<c>'it''s'</c>) or with a backslash
/// (<c>'it\'s'</c>), and <c>\\</c> is one backslash; any other backslash is literal (<c>'C:\data'</c>). Backticks
/// escape a backtick by doubling it. Unquoted path segments are letters, digits and <c>_</c>; the first segment of a
/// path cannot start with a digit (that is a number), later ones can (<c>metrics.2nd</c>). A single-quoted segment
/// is allowed after a dot (<c>metrics.'my metric'</c>, as MLflow's older docs show) but a path never starts with one.
/// </remarks>
internal static class SearchTokenizer
{
    private const string ComparatorCharacters = "<>=!~";

    public static List<SearchToken> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<SearchToken>();
        var position = 0;
        while (position < text.Length)
        {
            var c = text[position];
            if (char.IsWhiteSpace(c))
            {
                position++;
                continue;
            }

            var token = c switch
            {
                '\'' => ReadString(text, position),
                '"' or '`' => ReadPath(text, position),
                '(' => Single(SearchTokenKind.OpenParen, text, position),
                ')' => Single(SearchTokenKind.CloseParen, text, position),
                ',' => Single(SearchTokenKind.Comma, text, position),
                ';' => Single(SearchTokenKind.Semicolon, text, position),
                _ when IsWordStart(c) => ReadPath(text, position),
                _ when StartsNumber(text, position) => ReadNumber(text, position),
                _ when ComparatorCharacters.Contains(c, StringComparison.Ordinal) => ReadComparator(text, position),
                _ => Single(SearchTokenKind.Invalid, text, position),
            };
            tokens.Add(token);
            position = token.End;
        }

        return tokens;
    }

    private static SearchToken Single(SearchTokenKind kind, string text, int position) => new(kind, position, text.Substring(position, 1));

    private static bool IsWordStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsWordPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsDigitAt(string text, int position) => position < text.Length && char.IsAsciiDigit(text[position]);

    private static bool StartsNumber(string text, int position)
    {
        var c = text[position];
        if (c is '+' or '-')
        {
            position++;
            c = position < text.Length ? text[position] : '\0';
        }

        return char.IsAsciiDigit(c) || (c == '.' && IsDigitAt(text, position + 1));
    }

    private static SearchToken ReadComparator(string text, int start)
    {
        var end = start;
        while (end < text.Length && ComparatorCharacters.Contains(text[end], StringComparison.Ordinal))
        {
            end++;
        }

        return new SearchToken(SearchTokenKind.Comparator, start, text[start..end]);
    }

    /// <summary>Reads <c>[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?</c>; letters, digits or dots glued on make it invalid.</summary>
    private static SearchToken ReadNumber(string text, int start)
    {
        var end = start;
        if (text[end] is '+' or '-')
        {
            end++;
        }

        while (IsDigitAt(text, end))
        {
            end++;
        }

        if (end < text.Length && text[end] == '.')
        {
            end++;
            while (IsDigitAt(text, end))
            {
                end++;
            }
        }

        if (end < text.Length && text[end] is 'e' or 'E')
        {
            var exponent = end + 1;
            if (exponent < text.Length && text[exponent] is '+' or '-')
            {
                exponent++;
            }

            if (IsDigitAt(text, exponent))
            {
                end = exponent;
                while (IsDigitAt(text, end))
                {
                    end++;
                }
            }
        }

        if (end < text.Length && (IsWordPart(text[end]) || text[end] == '.'))
        {
            while (end < text.Length && (IsWordPart(text[end]) || text[end] == '.'))
            {
                end++;
            }

            return new SearchToken(SearchTokenKind.Invalid, start, text[start..end]);
        }

        return new SearchToken(SearchTokenKind.Number, start, text[start..end]);
    }

    private static SearchToken ReadString(string text, int start)
    {
        var (content, end) = ReadQuoted(text, start);
        return content is null
            ? new SearchToken(SearchTokenKind.Invalid, start, text[start..])
            : new SearchToken(SearchTokenKind.String, start, text[start..end]) { Text = content };
    }

    private static SearchToken ReadPath(string text, int start)
    {
        var segments = new List<PathSegment>();
        var position = start;
        while (true)
        {
            var c = position < text.Length ? text[position] : '\0';
            if (c is '"' or '`' || (c == '\'' && segments.Count > 0))
            {
                var (content, end) = ReadQuoted(text, position);
                if (content is null)
                {
                    return new SearchToken(SearchTokenKind.Invalid, start, text[start..]);
                }

                segments.Add(new PathSegment(content, c));
                position = end;
            }
            else
            {
                var end = position;
                while (end < text.Length && IsWordPart(text[end]))
                {
                    end++;
                }

                // An empty unquoted segment (a trailing or doubled dot) is kept so the parser can reject the identifier.
                segments.Add(new PathSegment(text[position..end], '\0'));
                position = end;
            }

            if (position < text.Length && text[position] == '.')
            {
                position++;
                continue;
            }

            return new SearchToken(SearchTokenKind.Path, start, text[start..position]) { Segments = segments };
        }
    }

    /// <summary>The unescaped content of the quoted text opening at <paramref name="start"/> and the index after its closing quote; null content when it never closes.</summary>
    private static (string? Content, int End) ReadQuoted(string text, int start)
    {
        var quote = text[start];
        var backslashEscapes = quote != '`';
        var content = new StringBuilder();
        var position = start + 1;
        while (position < text.Length)
        {
            var c = text[position];
            var next = position + 1 < text.Length ? text[position + 1] : '\0';
            if (backslashEscapes && c == '\\' && (next == quote || next == '\\'))
            {
                content.Append(next);
                position += 2;
            }
            else if (c == quote && next == quote)
            {
                content.Append(quote);
                position += 2;
            }
            else if (c == quote)
            {
                return (content.ToString(), position + 1);
            }
            else
            {
                content.Append(c);
                position++;
            }
        }

        return (null, text.Length);
    }
}
