namespace Gyre.Monitoring.Drift;

/// <summary>The column type that drives the automatic choice of drift test.</summary>
public enum DriftColumnKind
{
    /// <summary>Numeric values (doubles).</summary>
    Numerical,

    /// <summary>Category labels (strings).</summary>
    Categorical,
}
