namespace Gyre.Data.Reading;

/// <summary>Decides whether a raw field is a missing-value marker: trimmed, case-insensitive. Thread-safe.</summary>
public sealed class MissingValueMatcher
{
    private readonly HashSet<string> _markers;
    private readonly bool _emptyIsMissing;

    public MissingValueMatcher(IEnumerable<string> markers)
    {
        ArgumentNullException.ThrowIfNull(markers);
        _markers = new HashSet<string>(markers.Select(m => m.Trim()), StringComparer.OrdinalIgnoreCase);
        _emptyIsMissing = _markers.Contains(string.Empty);
    }

    public bool IsMissing(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var trimmed = field.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return _emptyIsMissing;
        }

        // Markers are short; skip the lookup (and its allocation) for longer fields.
        return trimmed.Length <= 8 && _markers.GetAlternateLookup<ReadOnlySpan<char>>().Contains(trimmed);
    }
}
