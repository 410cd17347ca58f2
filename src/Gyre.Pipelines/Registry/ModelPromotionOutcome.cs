using Gyre.Registry.Promotion;

namespace Gyre.Pipelines.Registry;

/// <summary>What <see cref="ModelPromotion.PromoteAsync"/> did. <paramref name="ChampionVersion"/> is null when the target alias was new.</summary>
public sealed record ModelPromotionOutcome(bool Promoted, int? ChampionVersion, int ChallengerVersion, PromotionDecision Decision);
