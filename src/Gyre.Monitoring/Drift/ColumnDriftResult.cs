namespace Gyre.Monitoring.Drift;

/// <summary>The drift verdict for one column.</summary>
/// <param name="Method">The test that ran (or would have run).</param>
/// <param name="Status">Whether the test ran; see <see cref="DriftStatus"/>.</param>
/// <param name="Score">p-value or distance (see <see cref="DriftMethods.IsPValue"/>); null unless the test ran. Never NaN.</param>
/// <param name="Threshold">Threshold applied.</param>
/// <param name="Drifted">The verdict; always false when <see cref="Score"/> is null.</param>
/// <param name="ReferenceCount">Non-missing reference values.</param>
/// <param name="CurrentCount">Non-missing current values.</param>
/// <param name="NewCategories">Current categories absent from the reference (ordinal order; empty for numeric columns).</param>
public sealed record ColumnDriftResult(
    DriftMethod Method,
    DriftStatus Status,
    double? Score,
    double Threshold,
    bool Drifted,
    int ReferenceCount,
    int CurrentCount,
    IReadOnlyList<string> NewCategories);
