using System.Text;
using Gyre.Data.Tables;
using Gyre.Training.Featurization;

namespace Gyre.Serving.Models;

/// <summary>
/// A model's input fields prepared for allocation-free JSON matching: UTF-8 names, types, and for one-hot columns
/// the known categories as UTF-8 with their string instances (so a known category costs no allocation).
/// Immutable; thread-safe.
/// </summary>
public sealed class FeatureFields
{
    private readonly byte[][] _names;
    private readonly byte[][]?[] _categoryBytes;
    private readonly string[]?[] _categories;

    public FeatureFields(IReadOnlyList<SignatureColumn> signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        Signature = signature;
        Count = signature.Count;
        _names = [.. signature.Select(c => Encoding.UTF8.GetBytes(c.Name))];
        Types = [.. signature.Select(c => c.Type)];
        _categories = [.. signature.Select(c => c.Categories is { } known ? known.ToArray() : null)];
        _categoryBytes = [.. _categories.Select(k => k?.Select(Encoding.UTF8.GetBytes).ToArray())];
        AllNumeric = Types.All(t => t is ColumnType.Numeric or ColumnType.Boolean);
    }

    public IReadOnlyList<SignatureColumn> Signature { get; }

    public int Count { get; }

    public IReadOnlyList<ColumnType> Types { get; }

    /// <summary>True when every field is numeric or boolean (so a row fits a numeric tensor).</summary>
    public bool AllNumeric { get; }

    public string Name(int index) => Signature[index].Name;

    /// <summary>The index of the field whose UTF-8 name is <paramref name="utf8Name"/>, trying <paramref name="hint"/> first; -1 if none.</summary>
    public int Find(ReadOnlySpan<byte> utf8Name, int hint)
    {
        if ((uint)hint < (uint)_names.Length && utf8Name.SequenceEqual(_names[hint]))
        {
            return hint;
        }

        for (var i = 0; i < _names.Length; i++)
        {
            if (utf8Name.SequenceEqual(_names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of field <paramref name="name"/> (ordinal), or -1.</summary>
    public int Find(string name)
    {
        for (var i = 0; i < Signature.Count; i++)
        {
            if (string.Equals(Signature[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The known category of field <paramref name="index"/> spelled <paramref name="utf8"/>, or null when it is not a known category.</summary>
    public string? KnownCategory(int index, ReadOnlySpan<byte> utf8)
    {
        if (_categoryBytes[index] is not { } known)
        {
            return null;
        }

        for (var i = 0; i < known.Length; i++)
        {
            if (utf8.SequenceEqual(known[i]))
            {
                return _categories[index]![i];
            }
        }

        return null;
    }
}
