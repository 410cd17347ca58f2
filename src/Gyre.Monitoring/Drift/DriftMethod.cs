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

    /// <summary>
    /// Hellinger distance √(1 − Σ√(p_i·q_i)) on bin shares (<c>hellinger</c>); drift if d ≥ threshold (default 0.1).
    /// Categorical columns use category shares as Evidently; numeric columns use the same explicit bins as
    /// Jensen–Shannon (Evidently uses Sturges bins over the unique values, so numeric scores differ).
    /// </summary>
    Hellinger,

    /// <summary>
    /// Two-sample Cramér–von Mises p-value (<c>cramer_von_mises</c>, scipy's <c>cramervonmises_2samp</c>);
    /// drift if p ≤ threshold (default 0.1). Numeric columns only.
    /// </summary>
    CramerVonMises,

    /// <summary>
    /// Two-sample Anderson–Darling p-value (<c>anderson</c>, scipy's <c>anderson_ksamp</c>, capped to [0.001, 0.25]);
    /// drift if p &lt; threshold (default 0.1). Numeric columns only.
    /// </summary>
    AndersonDarling,

    /// <summary>
    /// Energy distance (<c>ed</c>, scipy's <c>energy_distance</c>, in the data's units); drift if d &gt; threshold
    /// (strictly; default 0.1). Numeric columns only.
    /// </summary>
    EnergyDistance,
}
