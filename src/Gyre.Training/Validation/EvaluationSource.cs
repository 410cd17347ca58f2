namespace Gyre.Training.Validation;

/// <summary>Where the final evaluation rows came from.</summary>
public enum EvaluationSource
{
    /// <summary>No final evaluation (holdout fraction 0 and no test table).</summary>
    None,

    /// <summary>A seeded holdout split of the training table.</summary>
    Holdout,

    /// <summary>A separate test table passed by the caller.</summary>
    TestTable,
}
