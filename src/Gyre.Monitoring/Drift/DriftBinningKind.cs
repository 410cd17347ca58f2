namespace Gyre.Monitoring.Drift;

/// <summary>How a <see cref="DriftBinning"/> assigns values to bins.</summary>
public enum DriftBinningKind
{
    /// <summary>Equal-width numeric bins over the reference range, plus underflow and overflow bins.</summary>
    Numeric,

    /// <summary>One bin per reference category, plus one bin for categories unseen in the reference.</summary>
    Categorical,
}
