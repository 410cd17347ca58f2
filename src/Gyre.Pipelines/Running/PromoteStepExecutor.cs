using System.Globalization;
using Gyre.Core;
using Gyre.Pipelines.Registry;
using Gyre.Registry;

namespace Gyre.Pipelines.Running;

/// <summary>
/// The <c>promote</c> step: gates the version behind <c>name</c>@<c>challenger</c> (default "challenger") against the one
/// behind <c>name</c>@<c>to</c> (default "champion") with the promotion policy file <c>policy</c>
/// (<see cref="ModelPromotionPolicyReader"/>), both versions scored on the same rows of the labeled file <c>eval</c>
/// (<see cref="ModelPromotion"/>, as `gyre models promote --eval`). When the policy holds the target alias moves; a
/// target alias that does not exist yet is simply set. The decision is in the registry's audit log under
/// <paramref name="actor"/>. A refusal is not a failure unless <c>required</c> is "true" (a CI gate): then the step
/// fails naming the failed rules. Outputs: <c>promoted</c> ("true"/"false") and <c>champion</c> (the version behind the
/// target alias afterwards).
/// </summary>
public sealed class PromoteStepExecutor(IModelRegistryStore registry, RegisteredModelLoader loader, RegistryActor actor) : IStepExecutor
{
    public string Kind => "promote";

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.Inputs;
        var name = inputs["name"];
        var from = inputs.GetValueOrDefault("challenger") ?? "challenger";
        var to = inputs.GetValueOrDefault("to") ?? "champion";
        var required = inputs.GetValueOrDefault("required") switch
        {
            null or "false" => false,
            "true" => true,
            var other => throw GyreException.InvalidInput($"step '{context.StepId}': required must be true or false; got '{other}'."),
        };
        var policy = await ModelPromotionPolicyReader.ReadAsync(Path.GetFullPath(inputs["policy"], context.WorkingDirectory), cancellationToken);
        var options = new ModelPromotionOptions { EvaluationDataPath = Path.GetFullPath(inputs["eval"], context.WorkingDirectory) };
        await context.Log.WriteLineAsync($"gating {name}@{from} against {name}@{to} on {options.EvaluationDataPath} ({policy.PrimaryMetric})");
        var outcome = await new ModelPromotion(registry, loader).PromoteAsync(
            name, from, to, policy, options, actor with { Reason = actor.Reason ?? context.Describe() }, cancellationToken);
        foreach (var rule in outcome.Decision.Rules)
        {
            await context.Log.WriteLineAsync($"{(rule.Passed ? "PASS" : "FAIL")} {rule.Rule}: {rule.Message}");
        }

        var champion = (outcome.Promoted ? outcome.ChallengerVersion : outcome.ChampionVersion!.Value).ToString(CultureInfo.InvariantCulture);
        await context.Log.WriteLineAsync(outcome.Promoted
            ? $"promoted {name}/{outcome.ChallengerVersion} to '{to}'"
            : $"refused: '{to}' stays at {name}/{champion}");
        if (!outcome.Promoted && required)
        {
            var failed = string.Join("; ", outcome.Decision.Rules.Where(r => !r.Passed).Select(r => $"{r.Rule}: {r.Message}"));
            throw GyreException.InvalidState($"step '{context.StepId}': promotion of {name}/{outcome.ChallengerVersion} to '{to}' refused (required: true): {failed}.");
        }

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["promoted"] = outcome.Promoted ? "true" : "false",
            ["champion"] = champion,
        };
    }
}
