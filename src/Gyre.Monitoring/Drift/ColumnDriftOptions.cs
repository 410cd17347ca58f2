namespace Gyre.Monitoring.Drift;

/// <summary>Per-column overrides for <see cref="ColumnDriftDetector"/>; null members mean "Evidently's default".</summary>
/// <param name="Method">Test to run instead of <see cref="DriftMethodSelector"/>'s choice.</param>
/// <param name="Threshold">Threshold instead of <see cref="DriftMethods.DefaultThreshold"/>.</param>
/// <param name="BinCount">
/// Equal-width bins over the reference range for JS/PSI/KL/Hellinger on numeric columns with more than
/// <see cref="ColumnDriftDetector.DiscreteBinLimit"/> distinct reference values (plus underflow/overflow
/// bins); default Sturges' count ⌈log₂(n_ref + n_cur) + 1⌉.
/// </param>
public sealed record ColumnDriftOptions(DriftMethod? Method = null, double? Threshold = null, int? BinCount = null)
{
    /// <summary>All defaults.</summary>
    public static ColumnDriftOptions Default { get; } = new();
}
