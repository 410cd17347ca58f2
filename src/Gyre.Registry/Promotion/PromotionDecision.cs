namespace Gyre.Registry.Promotion;

/// <summary>The result of evaluating a <see cref="PromotionPolicy"/>: promote only when every rule passed.</summary>
public sealed record PromotionDecision(IReadOnlyList<PromotionRuleResult> Rules)
{
    /// <summary>True when every rule passed (and there is at least one).</summary>
    public bool Promote => Rules.Count > 0 && Rules.All(rule => rule.Passed);
}
