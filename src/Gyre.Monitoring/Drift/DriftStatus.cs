namespace Gyre.Monitoring.Drift;

/// <summary>Whether a column drift test ran, and if not why. Only <see cref="Tested"/> and <see cref="Constant"/> carry a score.</summary>
public enum DriftStatus
{
    /// <summary>The test ran; the score and verdict are meaningful.</summary>
    Tested,

    /// <summary>Both samples hold one and the same value: the test ran and reports no drift.</summary>
    Constant,

    /// <summary>The reference has no non-missing value (empty or all NaN/±∞/null): no verdict.</summary>
    EmptyReference,

    /// <summary>The current sample has no non-missing value (empty or all NaN/±∞/null): no verdict.</summary>
    EmptyCurrent,

    /// <summary>The test produced no finite-or-infinite score (NaN): no verdict.</summary>
    Undefined,

    /// <summary>The column is in the reference but not in the current data: no verdict.</summary>
    MissingInCurrent,

    /// <summary>The column holds numbers on one side and categories on the other: no verdict.</summary>
    TypeMismatch,
}
