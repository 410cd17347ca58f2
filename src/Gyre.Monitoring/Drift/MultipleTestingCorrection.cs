namespace Gyre.Monitoring.Drift;

/// <summary>
/// How p-values of the per-column tests are adjusted before their verdicts count toward dataset drift.
/// Only p-value methods are adjusted; distance methods keep their own verdicts.
/// </summary>
public enum MultipleTestingCorrection
{
    /// <summary>No adjustment (Evidently's behaviour).</summary>
    None,

    /// <summary>p·m, capped at 1 (family-wise error rate; alibi-detect's default).</summary>
    Bonferroni,

    /// <summary>Holm's step-down (family-wise error rate; uniformly more powerful than Bonferroni).</summary>
    Holm,

    /// <summary>Benjamini–Hochberg step-up (false discovery rate; alibi-detect's <c>fdr</c>).</summary>
    BenjaminiHochberg,
}
