namespace Gyre.Data.Tables;

/// <summary>The logical type of a column, as inferred from data or set in a spec.</summary>
public enum ColumnType
{
    /// <summary>Real numbers (integers included); missing values are NaN.</summary>
    Numeric,

    /// <summary>true/false (also read from yes/no, y/n, t/f; never from 0/1, which reads as numeric).</summary>
    Boolean,

    /// <summary>A small set of distinct strings; featurized by one-hot (or hashing above a cardinality limit).</summary>
    Categorical,

    /// <summary>Free text; featurized by n-grams.</summary>
    Text,

    /// <summary>A date or date-time (ISO 8601 and the invariant culture's forms); featurized by its parts.</summary>
    DateTime,
}
