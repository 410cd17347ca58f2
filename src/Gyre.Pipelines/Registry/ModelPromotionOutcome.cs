using Gyre.Registry.Promotion;

namespace Gyre.Pipelines.Registry;

/// <summary>
/// What <see cref="ModelPromotion.PromoteAsync(string, string, string, PromotionPolicy, ModelPromotionOptions, Gyre.Registry.RegistryActor, CancellationToken)"/>
/// did. <paramref name="ChampionVersion"/> is null when the target alias was new (then the decision has no rules
/// and the evidence is the challenger's recorded metrics). <see cref="DetailsJson"/> is what the audit log records.
/// </summary>
public sealed record ModelPromotionOutcome(bool Promoted, int? ChampionVersion, int ChallengerVersion, PromotionDecision Decision, ModelPromotionEvidence Evidence)
{
    /// <summary>The decision and its evidence as one JSON object (see <see cref="ModelPromotionDetails"/>).</summary>
    public string DetailsJson => ModelPromotionDetails.Build(this).ToJsonString();
}
