using System.Text;

namespace Gyre.Stores.Sql;

/// <summary>
/// A search filter's LIKE pattern (MLflow's): '%' matches any run of characters, '_' any one character,
/// and a backslash makes the next character literal (a trailing backslash is itself literal). Parsed once,
/// then written in each database's syntax. Immutable, thread-safe.
/// </summary>
public sealed class LikePattern
{
    private readonly List<Part> parts;

    private LikePattern(List<Part> parts) => this.parts = parts;

    private enum PartKind
    {
        Literal,
        AnyRun,
        AnyOne,
    }

    public static LikePattern Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var parts = new List<Part>(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                parts.Add(new Part(PartKind.Literal, pattern[++i]));
            }
            else
            {
                parts.Add(c switch
                {
                    '%' => new Part(PartKind.AnyRun, c),
                    '_' => new Part(PartKind.AnyOne, c),
                    _ => new Part(PartKind.Literal, c),
                });
            }
        }

        return new LikePattern(parts);
    }

    /// <summary>The pattern for SQL <c>LIKE ... ESCAPE '\'</c>: literal '%', '_' and '\' are escaped with '\'.</summary>
    public string ToLike()
    {
        var text = new StringBuilder(parts.Count);
        foreach (var part in parts)
        {
            switch (part.Kind)
            {
                case PartKind.AnyRun:
                    text.Append('%');
                    break;
                case PartKind.AnyOne:
                    text.Append('_');
                    break;
                default:
                    if (part.Character is '%' or '_' or '\\')
                    {
                        text.Append('\\');
                    }

                    text.Append(part.Character);
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>The pattern for SQLite's case-sensitive <c>GLOB</c>: '*' and '?' wildcards, literal '*', '?' and '[' in brackets.</summary>
    public string ToGlob()
    {
        var text = new StringBuilder(parts.Count);
        foreach (var part in parts)
        {
            switch (part.Kind)
            {
                case PartKind.AnyRun:
                    text.Append('*');
                    break;
                case PartKind.AnyOne:
                    text.Append('?');
                    break;
                default:
                    if (part.Character is '*' or '?' or '[')
                    {
                        text.Append('[').Append(part.Character).Append(']');
                    }
                    else
                    {
                        text.Append(part.Character);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    private readonly record struct Part(PartKind Kind, char Character);
}
