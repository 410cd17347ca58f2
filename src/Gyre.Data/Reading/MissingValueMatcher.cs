namespace Gyre.Data.Reading;

/// <summary>Decides whether a raw field is a missing-value marker: trimmed, case-insensitive. Thread-safe.</summary>
public sealed class MissingValueMatcher
{
    private readonly HashSet<string> _markers;
    private readonly bool _emptyIsMissing;

    /// <summary>Fields longer than this (after trimming) are never looked up: markers are short.</summary>
    private const int MaxMarkerLength = 8;

    public MissingValueMatcher(IEnumerable<string> markers)
    {
        ArgumentNullException.ThrowIfNull(markers);
        _markers = new HashSet<string>(markers.Select(m => m.Trim()), StringComparer.OrdinalIgnoreCase);
        _emptyIsMissing = _markers.Contains(string.Empty);
    }

    public bool IsMissing(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return IsMissing(field.AsSpan());
    }

    /// <inheritdoc cref="IsMissing(string)"/>
    public bool IsMissing(ReadOnlySpan<char> field)
    {
        var trimmed = field.Trim();
        if (trimmed.IsEmpty)
        {
            return _emptyIsMissing;
        }

        // Markers are short; skip the lookup (and its allocation) for longer fields.
        return trimmed.Length <= MaxMarkerLength && _markers.GetAlternateLookup<ReadOnlySpan<char>>().Contains(trimmed);
    }

    /// <summary>The same test on a UTF-8 field, without allocating (batch scoring reads fields as bytes).</summary>
    public bool IsMissing(ReadOnlySpan<byte> utf8Field)
    {
        var trimmed = utf8Field[System.Text.Ascii.Trim(utf8Field)];
        if (trimmed.IsEmpty)
        {
            return _emptyIsMissing;
        }

        if (trimmed.Length > MaxMarkerLength * 4)
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxMarkerLength * 4];
        var count = System.Text.Encoding.UTF8.GetChars(trimmed, chars);
        return IsMissing(chars[..count]);
    }
}
