using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Gyre.Data.Reading;
using Gyre.Data.Tables;
using Gyre.Training.Featurization;
using Gyre.Training.Scoring;
using Gyre.Training.Specs;

namespace Gyre.Pipelines.Batch;

/// <summary>
/// The model's input columns for one chunk, typed as the signature says, filled row slot by row slot from raw fields
/// (UTF-8 bytes or strings) with the rules of the whole-file path (<see cref="Gyre.Training.Scoring.ModelPredictor.Score"/>):
/// missing markers are missing; numbers are invariant-culture floats; booleans true/false, t/f, yes/no, y/n, 1/0;
/// date-times ISO 8601 (round-trip kind). A value that does not convert gives the same message as that path.
/// Category texts are interned per chunk (one string per distinct value). It also applies that path's checks: missing
/// values where training had none (violations) and one-hot categories never seen in training (warnings).
/// Not thread-safe: one per chunk.
/// </summary>
internal sealed class SignatureCells
{
    private const int MaxInternedPerColumn = 4096;
    private const int MaxStackChars = 64;
    private const int MaxExamples = 5;

    private readonly IReadOnlyList<SignatureColumn> _signature;
    private readonly MissingValueMatcher _missing;
    private readonly double[]?[] _numbers;
    private readonly bool?[]?[] _booleans;
    private readonly DateTime?[]?[] _dates;
    private readonly string?[]?[] _texts;
    private readonly HashSet<string>?[] _interned;
    private readonly HashSet<string>?[] _known;
    private readonly int[] _unseenRows;
    private readonly List<string>[] _unseenExamples;

    /// <param name="knownCategories">Per column, the categories seen in training for one-hot columns (null elsewhere): see <see cref="KnownCategories"/>.</param>
    public SignatureCells(IReadOnlyList<SignatureColumn> signature, HashSet<string>?[] knownCategories, MissingValueMatcher missing, int capacity)
    {
        _signature = signature;
        _missing = missing;
        _numbers = new double[]?[signature.Count];
        _booleans = new bool?[]?[signature.Count];
        _dates = new DateTime?[]?[signature.Count];
        _texts = new string?[]?[signature.Count];
        _interned = new HashSet<string>?[signature.Count];
        _known = knownCategories;
        _unseenRows = new int[signature.Count];
        _unseenExamples = [.. signature.Select(_ => new List<string>())];
        for (var i = 0; i < signature.Count; i++)
        {
            switch (signature[i].Type)
            {
                case ColumnType.Numeric:
                    _numbers[i] = new double[capacity];
                    break;
                case ColumnType.Boolean:
                    _booleans[i] = new bool?[capacity];
                    break;
                case ColumnType.DateTime:
                    _dates[i] = new DateTime?[capacity];
                    break;
                default:
                    _texts[i] = new string?[capacity];
                    _interned[i] = new HashSet<string>(StringComparer.Ordinal);
                    break;
            }
        }
    }

    /// <summary>Per signature column, the training categories of a one-hot column (what <see cref="CountUnseen"/> checks), else null.</summary>
    public static HashSet<string>?[] KnownCategories(IReadOnlyList<SignatureColumn> signature) =>
        [.. signature.Select(c => c.Kind == FeatureKind.OneHot && c.Categories is { } known ? new HashSet<string>(known, StringComparer.Ordinal) : null)];

    /// <summary>Sets slot <paramref name="row"/> of column <paramref name="index"/> from a UTF-8 field; an error message, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Parse(int row, int index, ReadOnlySpan<byte> utf8)
    {
        if (_numbers[index] is { } numbers)
        {
            if (FastDecimal.TryParse(utf8, out var number) || double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
            {
                numbers[row] = number;
                return null;
            }

            numbers[row] = double.NaN;
            return _missing.IsMissing(utf8) ? null : WrongType(index, Encoding.UTF8.GetString(utf8));
        }

        if (utf8.Length > MaxStackChars)
        {
            return Parse(row, index, Encoding.UTF8.GetString(utf8));
        }

        Span<char> chars = stackalloc char[MaxStackChars];
        var count = Encoding.UTF8.GetChars(utf8, chars);
        return Parse(row, index, chars[..count], null);
    }

    /// <summary>Sets slot <paramref name="row"/> of column <paramref name="index"/> from a string (null: missing); an error message, or null.</summary>
    public string? Parse(int row, int index, string? text) =>
        text is null ? SetMissing(row, index) : Parse(row, index, text.AsSpan(), text);

    /// <summary>
    /// Adds to <paramref name="violations"/> a MissingValue violation for each column of slot <paramref name="row"/> that
    /// is missing while training had no missing values there (the whole-file path's rule and message); true when none.
    /// A column that already has a violation in <paramref name="violations"/> (its value did not convert) is skipped.
    /// </summary>
    public bool CheckMissing(int row, long line, List<SignatureViolation> violations)
    {
        var complete = true;
        var converted = violations.Count;
        for (var i = 0; i < _signature.Count; i++)
        {
            if (!_signature[i].Nullable && IsMissing(row, i) && !violations.Take(converted).Any(v => v.Column == _signature[i].Name))
            {
                violations.Add(new SignatureViolation(line, _signature[i].Name, ViolationKind.MissingValue,
                    $"Column '{_signature[i].Name}' is missing a value, but it had no missing values in training."));
                complete = false;
            }
        }

        return complete;
    }

    /// <summary>Counts slot <paramref name="row"/>'s one-hot categories never seen in training (they score as all zeros).</summary>
    public void CountUnseen(int row)
    {
        for (var i = 0; i < _signature.Count; i++)
        {
            if (_known[i] is { } known && _texts[i]![row] is { } value && !known.Contains(value))
            {
                _unseenRows[i]++;
                if (_unseenExamples[i].Count < MaxExamples && !_unseenExamples[i].Contains(value))
                {
                    _unseenExamples[i].Add(value);
                }
            }
        }
    }

    /// <summary>One warning per one-hot column with unseen categories among the counted slots (see <see cref="CountUnseen"/>).</summary>
    public IReadOnlyList<ScoringWarning> UnseenWarnings() =>
        [.. Enumerable.Range(0, _signature.Count).Where(i => _unseenRows[i] > 0).Select(i => new ScoringWarning(
            _signature[i].Name,
            string.Create(CultureInfo.InvariantCulture, $"{_unseenRows[i]} row(s) of column '{_signature[i].Name}' have a category never seen in training; they are encoded as all zeros."),
            _unseenRows[i],
            _unseenExamples[i]))];

    /// <summary>Writes slot <paramref name="row"/> into a cleared <paramref name="target"/> of the same signature (missing values stay unset).</summary>
    public void CopyTo(int row, FeatureRow target)
    {
        for (var i = 0; i < _signature.Count; i++)
        {
            if (_numbers[i] is { } numbers)
            {
                if (!double.IsNaN(numbers[row]))
                {
                    target.SetNumber(i, numbers[row]);
                }
            }
            else if (_booleans[i] is { } booleans)
            {
                if (booleans[row] is { } flag)
                {
                    target.SetBoolean(i, flag);
                }
            }
            else if (_dates[i] is { } dates)
            {
                if (dates[row] is { } date)
                {
                    target.SetDateTime(i, date);
                }
            }
            else if (_texts[i]![row] is { } text)
            {
                target.SetText(i, text);
            }
        }
    }

    private bool IsMissing(int row, int index) =>
        _numbers[index] is { } numbers ? double.IsNaN(numbers[row])
        : _booleans[index] is { } booleans ? booleans[row] is null
        : _dates[index] is { } dates ? dates[row] is null
        : _texts[index]![row] is null;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? Parse(int row, int index, ReadOnlySpan<char> text, string? original)
    {
        if (_missing.IsMissing(text))
        {
            return SetMissing(row, index);
        }

        if (_numbers[index] is { } numbers)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                numbers[row] = number;
                return null;
            }

            numbers[row] = double.NaN;
            return WrongType(index, original ?? text.ToString());
        }

        if (_booleans[index] is { } booleans)
        {
            booleans[row] = ParseBoolean(text);
            return booleans[row] is null ? WrongType(index, original ?? text.ToString()) : null;
        }

        if (_dates[index] is { } dates)
        {
            var ok = IsoDateTime.TryParse(text, out var date) || DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out date);
            dates[row] = ok ? date : null;
            return ok ? null : WrongType(index, original ?? text.ToString());
        }

        _texts[index]![row] = original ?? Intern(index, text);
        return null;
    }

    private string? SetMissing(int row, int index)
    {
        if (_numbers[index] is { } numbers)
        {
            numbers[row] = double.NaN;
        }
        else if (_booleans[index] is { } booleans)
        {
            booleans[row] = null;
        }
        else if (_dates[index] is { } dates)
        {
            dates[row] = null;
        }
        else
        {
            _texts[index]![row] = null;
        }

        return null;
    }

    private string Intern(int index, ReadOnlySpan<char> text)
    {
        var interned = _interned[index]!;
        if (interned.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var known))
        {
            return known;
        }

        var value = text.ToString();
        if (interned.Count < MaxInternedPerColumn)
        {
            interned.Add(value);
        }

        return value;
    }

    private static bool? ParseBoolean(ReadOnlySpan<char> text)
    {
        static bool Is(ReadOnlySpan<char> text, string word) => text.Equals(word, StringComparison.OrdinalIgnoreCase);
        if (Is(text, "true") || Is(text, "t") || Is(text, "yes") || Is(text, "y") || Is(text, "1"))
        {
            return true;
        }

        return Is(text, "false") || Is(text, "f") || Is(text, "no") || Is(text, "n") || Is(text, "0") ? false : null;
    }

    private string WrongType(int index, string text)
    {
        var what = _signature[index].Type switch
        {
            ColumnType.Numeric => "a number",
            ColumnType.Boolean => "true/false",
            _ => "a date-time",
        };
        return $"Column '{_signature[index].Name}' must be {what}; got '{text}'.";
    }
}
