using System.Diagnostics.CodeAnalysis;

namespace Gyre.Data.Parquet;

/// <summary>The value type of a <see cref="ParquetOutputColumn"/>; every kind is nullable.</summary>
public enum ParquetOutputKind
{
    /// <summary>UTF-8 text, written from a <c>string?[]</c>.</summary>
    Text,

    /// <summary>64-bit floating point (NaN kept as NaN), written from a <c>double?[]</c>.</summary>
    Number,

    /// <summary>64-bit signed integer, written from a <c>long?[]</c>.</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The kind of value, named as in the output contract.")]
    Integer,
}
