namespace Gyre.Training.Specs;

/// <summary>What a model predicts.</summary>
public enum TaskKind
{
    /// <summary>One of two classes, with the probability of the positive class.</summary>
    Binary,

    /// <summary>One of three or more classes, with a probability per class.</summary>
    Multiclass,

    /// <summary>A real number.</summary>
    Regression,
}
