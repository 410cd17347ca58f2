using Gyre.Core;
using Gyre.Registry;
using Gyre.Registry.Promotion;

namespace Gyre.Pipelines.Registry;

/// <summary>
/// Promotes the version behind one alias to another alias when a <see cref="PromotionPolicy"/> holds. The evidence
/// is either the versions' recorded metrics (<see cref="PackageFacts.Metrics"/>) or, with
/// <see cref="ModelPromotionOptions.EvaluationDataPath"/>, a paired evaluation of both versions (loaded and verified
/// through <see cref="RegisteredModelLoader"/>) on that file: fresh metrics, a bootstrap interval and latencies
/// (<see cref="ModelPromotionEvaluation"/>). Promotion moves the target alias with a compare-and-set (refused when it
/// moved meanwhile) that appends <c>set_alias</c> and <c>promote</c> entries carrying the decision JSON
/// (<see cref="ModelPromotionDetails"/>) in the same transaction; a refusal appends <c>promotion_refused</c> with the
/// decision and changes nothing else. When the target alias does not exist yet there is no champion to beat: the
/// alias is set and the decision has no rules (nothing is evaluated).
/// </summary>
/// <param name="registry">The registry whose aliases move.</param>
/// <param name="loader">Loads versions for paired evaluation; required only when an evaluation file is given.</param>
public sealed class ModelPromotion(IModelRegistryStore registry, RegisteredModelLoader? loader = null)
{
    /// <summary>Evaluates the policy on the versions' recorded metrics and applies it.</summary>
    /// <inheritdoc cref="PromoteAsync(string, string, string, PromotionPolicy, ModelPromotionOptions, RegistryActor, CancellationToken)"/>
    public Task<ModelPromotionOutcome> PromoteAsync(
        string name, string fromAlias, string toAlias, PromotionPolicy policy, RegistryActor actor, CancellationToken cancellationToken) =>
        PromoteAsync(name, fromAlias, toAlias, policy, new ModelPromotionOptions(), actor, cancellationToken);

    /// <summary>Gathers the evidence <paramref name="options"/> asks for, evaluates the policy and applies it.</summary>
    /// <exception cref="GyreException">
    /// NotFound for an unknown model or <paramref name="fromAlias"/>; InvalidInput when both aliases point at the same
    /// version, a metric is unknown, the policy needs evaluation data (<see cref="PromotionPolicy.NeedsEvaluationData"/>)
    /// and none was given, or the evaluation file has a bad row (naming its line); Corrupt/InvalidState when a version's
    /// package fails verification; InvalidState when the target alias moved while evaluating.
    /// </exception>
    public async Task<ModelPromotionOutcome> PromoteAsync(
        string name, string fromAlias, string toAlias, PromotionPolicy policy, ModelPromotionOptions options, RegistryActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(options);
        if (policy.NeedsEvaluationData && options.EvaluationDataPath is null)
        {
            throw GyreException.InvalidInput(
                "The policy's " + string.Join(" and ", Needing(policy)) + " rule needs evaluation data: give an evaluation file to score both versions on.");
        }

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

        ModelPromotionOutcome outcome;
        if (champion is null)
        {
            outcome = new ModelPromotionOutcome(true, null, challenger.Version, new PromotionDecision([]),
                new ModelPromotionEvidence(ModelPromotionEvidence.Recorded, null, new Dictionary<string, double>(), Metrics(challenger)));
        }
        else
        {
            var evidence = await GatherAsync(champion, challenger, policy, options, cancellationToken).ConfigureAwait(false);
            var decision = PromotionRules.Evaluate(policy, evidence.ChampionMetrics, evidence.ChallengerMetrics,
                champion.Package?.SignatureJson, challenger.Package?.SignatureJson, evidence.Measurements);
            outcome = new ModelPromotionOutcome(decision.Promote, champion.Version, challenger.Version, decision, evidence);
        }

        if (outcome.Promoted)
        {
            await registry.PromoteAliasAsync(name, toAlias, challenger.Version, champion?.Version, outcome.DetailsJson, actor, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await registry.AppendAuditAsync(name, AuditActions.PromotionRefused, challenger.Version, toAlias, outcome.DetailsJson, actor, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    private async Task<ModelPromotionEvidence> GatherAsync(
        ModelVersion champion, ModelVersion challenger, PromotionPolicy policy, ModelPromotionOptions options, CancellationToken cancellationToken)
    {
        if (options.EvaluationDataPath is null)
        {
            return new ModelPromotionEvidence(ModelPromotionEvidence.Recorded, null, Metrics(champion), Metrics(challenger));
        }

        var versions = loader ?? throw new InvalidOperationException("Paired evaluation needs a ModelPromotion constructed with a RegisteredModelLoader.");
        var loadedChampion = await versions.LoadAsync(new ModelReference(champion.Name, null, champion.Version), cancellationToken).ConfigureAwait(false);
        var loadedChallenger = await versions.LoadAsync(new ModelReference(challenger.Name, null, challenger.Version), cancellationToken).ConfigureAwait(false);
        return await ModelPromotionEvaluation.PairedAsync(loadedChampion, loadedChallenger, policy, options, cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<string> Needing(PromotionPolicy policy)
    {
        if (policy.RequireSignificant)
        {
            yield return "require_significant";
        }

        if (policy.MaxLatencyMsP95 is not null)
        {
            yield return "max_latency_ms_p95";
        }
    }

    private static IReadOnlyDictionary<string, double> Metrics(ModelVersion version) =>
        version.Package?.Metrics ?? new Dictionary<string, double>();
}
