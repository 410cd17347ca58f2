namespace Gyre.Tuning.Analysis;

/// <summary>How much of the objective's variation a parameter explains; the importances of a study sum to 1.</summary>
/// <param name="Name">Parameter name.</param>
/// <param name="Importance">Share in [0, 1].</param>
public sealed record ParameterImportance(string Name, double Importance);
