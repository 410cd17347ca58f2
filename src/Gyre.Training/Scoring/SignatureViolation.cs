namespace Gyre.Training.Scoring;

/// <summary>What kind of signature violation a row or column has.</summary>
public enum ViolationKind
{
    /// <summary>A column the model needs is absent (applies to every row).</summary>
    MissingColumn,

    /// <summary>A value does not convert to the column's type.</summary>
    WrongType,

    /// <summary>A value is missing in a column that had no missing values in training.</summary>
    MissingValue,

    /// <summary>A one-hot category never seen in training, where the caller's policy rejects those (serving).</summary>
    UnknownCategory,

    /// <summary>A record of a text file cannot be split into the header's fields (batch scoring; Column is "*").</summary>
    MalformedRecord,
}

/// <summary>
/// An input that does not fit the model's signature. <paramref name="Line"/> is the offending row's source
/// line, or null when the whole column is at fault (it is absent). Rows with a violation are not scored.
/// </summary>
public sealed record SignatureViolation(long? Line, string Column, ViolationKind Kind, string Message);
