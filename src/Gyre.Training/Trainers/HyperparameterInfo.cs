namespace Gyre.Training.Trainers;

/// <summary>The value type of a hyperparameter.</summary>
public enum HyperparameterType
{
    WholeNumber,
    RealNumber,
}

/// <summary>
/// One documented hyperparameter of a trainer: its name, accepted aliases, default (invariant-culture
/// text) and inclusive range.
/// </summary>
public sealed record HyperparameterInfo(
    string Name,
    HyperparameterType Type,
    string Default,
    double Minimum,
    double Maximum,
    IReadOnlyList<string> Aliases,
    string Description);
