using System.Text.Json;
using Gyre.Core;
using Gyre.Registry;
using Gyre.Registry.Promotion;

namespace Gyre.Pipelines.Registry;

/// <summary>
/// Promotes the version behind one alias to another alias when a <see cref="PromotionPolicy"/> holds, comparing
/// the versions' recorded metrics (<see cref="PackageFacts.Metrics"/>). Promotion moves the target alias
/// with a compare-and-set (refused when it moved meanwhile) that appends <c>set_alias</c> and <c>promote</c> entries
/// carrying the decision JSON in the same transaction; a
/// refusal appends <c>promotion_refused</c> with the decision and changes nothing else. When the target alias does
/// not exist yet there is no champion to beat: the alias is set and the decision has no rules.
/// </summary>
public sealed class ModelPromotion(IModelRegistryStore registry)
{
    /// <summary>
    /// Evaluates and applies the policy. Throws <see cref="GyreException"/> NotFound for an unknown model or
    /// <paramref name="fromAlias"/>, InvalidInput when both aliases point at the same version or a metric is unknown.
    /// </summary>
    public async Task<ModelPromotionOutcome> PromoteAsync(
        string name, string fromAlias, string toAlias, PromotionPolicy policy, RegistryActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var challenger = await registry.GetModelVersionByAliasAsync(name, fromAlias, cancellationToken).ConfigureAwait(false);
        ModelVersion? champion;
        try
        {
            champion = await registry.GetModelVersionByAliasAsync(name, toAlias, cancellationToken).ConfigureAwait(false);
        }
        catch (GyreException error) when (error.Kind == ErrorKind.NotFound)
        {
            champion = null;
        }

        if (champion is not null && champion.Version == challenger.Version)
        {
            throw GyreException.InvalidInput($"{name}@{fromAlias} and {name}@{toAlias} are the same version ({challenger.Version}); nothing to promote.");
        }

        var decision = champion is null
            ? new PromotionDecision([])
            : PromotionRules.Evaluate(policy, Metrics(champion), Metrics(challenger), champion.Package?.SignatureJson, challenger.Package?.SignatureJson);
        var promote = champion is null || decision.Promote;
        var details = DetailsJson(decision, champion?.Version, challenger.Version, promote);
        if (promote)
        {
            await registry.PromoteAliasAsync(name, toAlias, challenger.Version, champion?.Version, details, actor, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await registry.AppendAuditAsync(name, AuditActions.PromotionRefused, challenger.Version, toAlias, details, actor, cancellationToken).ConfigureAwait(false);
        }

        return new ModelPromotionOutcome(promote, champion?.Version, challenger.Version, decision);
    }

    private static IReadOnlyDictionary<string, double> Metrics(ModelVersion version) =>
        version.Package?.Metrics ?? new Dictionary<string, double>();

    private static string DetailsJson(PromotionDecision decision, int? champion, int challenger, bool promoted) =>
        JsonSerializer.Serialize(new
        {
            promoted,
            champion_version = champion,
            challenger_version = challenger,
            metrics_source = "recorded",
            rules = decision.Rules.Select(r => new { rule = r.Rule, passed = r.Passed, champion = r.Champion, challenger = r.Challenger, threshold = r.Threshold, message = r.Message }),
        });
}
