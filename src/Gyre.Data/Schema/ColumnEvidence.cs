using Gyre.Data.Tables;

namespace Gyre.Data.Schema;

/// <summary>
/// What has been seen of one column, in bounded memory: counts, which types every value fits, and the
/// distinct values until there are more than the category limit (then they are dropped). Not thread-safe.
/// </summary>
internal sealed class ColumnEvidence(string name, int maxDistinct)
{
    private HashSet<string>? _distinct = new(StringComparer.Ordinal);
    private bool _allNumeric = true;
    private bool _allBoolean = true;
    private bool _allDateTime = true;
    private int _maxLength;
    private long _words;

    public string Name { get; } = name;

    public long NonMissing { get; private set; }

    public long Missing { get; private set; }

    public void Observe(string? value)
    {
        if (value is null)
        {
            Missing++;
            return;
        }

        NonMissing++;
        _allNumeric = _allNumeric && ColumnValueParser.TryParseNumber(value, out _);
        _allBoolean = _allBoolean && ColumnValueParser.TryParseBoolean(value, out _);
        _allDateTime = _allDateTime && ColumnValueParser.TryParseDateTime(value, out _);
        _maxLength = Math.Max(_maxLength, value.Length);
        _words += CountWords(value);
        if (_distinct is not null && _distinct.Add(value) && _distinct.Count > maxDistinct)
        {
            _distinct = null;
        }
    }

    public ColumnSchema ToSchema(SchemaInferenceOptions options, ColumnType? overrideType)
    {
        var type = overrideType ?? InferType(options);
        var categories = type == ColumnType.Categorical && _distinct is not null
            ? _distinct.Order(StringComparer.Ordinal).ToArray()
            : null;
        return new ColumnSchema(Name, type, Missing > 0, categories);
    }

    private ColumnType InferType(SchemaInferenceOptions options)
    {
        if (NonMissing == 0 || _allNumeric)
        {
            return ColumnType.Numeric;
        }

        if (_allBoolean)
        {
            return ColumnType.Boolean;
        }

        if (_allDateTime)
        {
            return ColumnType.DateTime;
        }

        var isText = _distinct is null
            || _maxLength > options.MaxCategoryLength
            || ((double)_words / NonMissing >= options.TextMinMeanWords && _distinct.Count * 2L > NonMissing);
        return isText ? ColumnType.Text : ColumnType.Categorical;
    }

    private static int CountWords(string value)
    {
        var words = 0;
        var inWord = false;
        foreach (var ch in value)
        {
            if (char.IsWhiteSpace(ch))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                words++;
            }
        }

        return words;
    }
}
