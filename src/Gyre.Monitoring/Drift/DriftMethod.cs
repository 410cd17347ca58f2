namespace Gyre.Monitoring.Drift;

/// <summary>A per-column drift test (Evidently's names in parentheses).</summary>
public enum DriftMethod
{
    /// <summary>Two-sample Kolmogorov–Smirnov p-value (<c>ks</c>); drift if p ≤ threshold (default 0.05).</summary>
    KolmogorovSmirnov,

    /// <summary>Chi-square goodness-of-fit p-value (<c>chisquare</c>); drift if p &lt; threshold (default 0.05).</summary>
    ChiSquare,

    /// <summary>Two-proportion z-test p-value (<c>z</c>); drift if p &lt; threshold (default 0.05).</summary>
    ProportionZ,

    /// <summary>Normed Wasserstein distance (<c>wasserstein</c>); drift if d ≥ threshold (default 0.1).</summary>
    Wasserstein,

    /// <summary>Jensen–Shannon distance on bin shares (<c>jensenshannon</c>); drift if d ≥ threshold (default 0.1).</summary>
    JensenShannon,

    /// <summary>Population stability index on zero-filled bin shares (<c>psi</c>); drift if d ≥ threshold (default 0.1).</summary>
    PopulationStability,

    /// <summary>KL(reference ‖ current) on zero-filled bin shares (<c>kl_div</c>); drift if d ≥ threshold (default 0.1).</summary>
    KullbackLeibler,
}
