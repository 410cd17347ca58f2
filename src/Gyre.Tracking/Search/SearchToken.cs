namespace Gyre.Tracking.Search;

/// <summary>The lexical classes of MLflow's search grammar.</summary>
internal enum SearchTokenKind
{
    /// <summary>
    /// Dot-joined segments with no whitespace between them: <c>metrics.acc</c>, <c>tags."a b"</c>,
    /// <c>`params`.lr</c>, a bare word such as <c>AND</c> or <c>status</c>, or a lone double-quoted text
    /// (which is a string value on the right of a comparator).
    /// </summary>
    Path,

    /// <summary>A single-quoted string; <see cref="SearchToken.Text"/> holds it unescaped.</summary>
    String,

    /// <summary>An unquoted number: optional sign, digits with optional fraction, optional exponent.</summary>
    Number,

    /// <summary>A run of the characters <c>&lt; &gt; = ! ~</c>, valid or not (<c>==</c> and <c>~</c> are kept so errors can name them).</summary>
    Comparator,

    OpenParen,
    CloseParen,
    Comma,
    Semicolon,

    /// <summary>Text that cannot start any token: a stray character, an unterminated quote (runs to the end of the input), <c>1abc</c>.</summary>
    Invalid,
}

/// <summary>One segment of a <see cref="SearchTokenKind.Path"/>; <see cref="Quote"/> is <c>'\0'</c> when unquoted.</summary>
internal sealed record PathSegment(string Text, char Quote)
{
    public bool IsQuoted => Quote != '\0';
}

/// <summary>
/// A token and where it came from: <see cref="Raw"/> is the exact source text at <see cref="Start"/>, used to quote
/// the user's own text in error messages.
/// </summary>
internal sealed record SearchToken(SearchTokenKind Kind, int Start, string Raw)
{
    /// <summary>The unescaped content of a <see cref="SearchTokenKind.String"/>.</summary>
    public string? Text { get; init; }

    /// <summary>The segments of a <see cref="SearchTokenKind.Path"/>, at least one.</summary>
    public IReadOnlyList<PathSegment> Segments { get; init; } = [];

    public int End => Start + Raw.Length;

    /// <summary>True for a one-segment unquoted path equal to <paramref name="word"/>, ignoring case (keywords such as AND, LIKE, DESC).</summary>
    public bool IsWord(string word) =>
        Kind == SearchTokenKind.Path && Segments.Count == 1 && !Segments[0].IsQuoted &&
        string.Equals(Segments[0].Text, word, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a lone double-quoted path, which MLflow reads as a string value on the right of a comparator.</summary>
    public bool IsDoubleQuotedText => Kind == SearchTokenKind.Path && Segments.Count == 1 && Segments[0].Quote == '"';
}
