namespace Gyre.Registry.Promotion;

/// <summary>
/// One rule's outcome. <paramref name="Champion"/>, <paramref name="Challenger"/>: the compared values (null
/// when the rule has no numbers); <paramref name="Threshold"/>: the policy's δ or ε.
/// </summary>
public sealed record PromotionRuleResult(
    string Rule,
    bool Passed,
    double? Champion,
    double? Challenger,
    double? Threshold,
    string Message);
