using System.CommandLine;
using System.Globalization;
using Gyre.Cli.Output;
using Gyre.Pipelines.Registry;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre models promote NAME --from A --to B --policy FILE`: move alias B to A's version when the policy holds on
/// the versions' recorded metrics. Exit 0 promoted, 1 refused (or failure), 2 bad command line.
/// </summary>
public static class ModelsPromoteCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "The registered model." };
        var from = new Option<string>("--from") { Description = "The alias of the candidate version.", DefaultValueFactory = _ => "challenger" };
        var to = new Option<string>("--to") { Description = "The alias to move when the policy holds.", DefaultValueFactory = _ => "champion" };
        var policy = new Option<string>("--policy") { Description = "The promotion policy YAML file.", Required = true };
        var reason = ModelsCommands.Reason();
        var json = CommonOptions.Json();
        var command = new Command("promote", "Move alias --to to the version behind --from if the policy's rules hold (recorded metrics); the decision is recorded in the audit log.")
        {
            name, from, to, policy, reason, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var rules = await ModelPromotionPolicyReader.ReadAsync(parse.GetValue(policy)!, ct);
            var workspace = await Workspace.OpenAsync(environment, ct);
            var modelName = parse.GetValue(name)!;
            var toAlias = parse.GetValue(to)!;
            var outcome = await new ModelPromotion(workspace.Registry).PromoteAsync(
                modelName, parse.GetValue(from)!, toAlias, rules, ModelsCommands.Actor(environment, parse.GetValue(reason)), ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new
                {
                    name = modelName,
                    promoted = outcome.Promoted,
                    champion_version = outcome.ChampionVersion,
                    challenger_version = outcome.ChallengerVersion,
                    metrics_source = "recorded",
                    rules = outcome.Decision.Rules.Select(r => new { rule = r.Rule, passed = r.Passed, champion = r.Champion, challenger = r.Challenger, threshold = r.Threshold, message = r.Message }),
                });
            }
            else
            {
                await environment.Out.WriteLineAsync("Compared the versions' recorded metrics.");
                foreach (var rule in outcome.Decision.Rules)
                {
                    await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{(rule.Passed ? "PASS" : "FAIL")}  {rule.Rule}: {rule.Message}"));
                }

                await environment.Out.WriteLineAsync(outcome.Promoted
                    ? outcome.ChampionVersion is null
                        ? $"Alias '{toAlias}' did not exist: it now points to {modelName}/{outcome.ChallengerVersion} (no champion to beat)."
                        : $"Promoted {modelName}/{outcome.ChallengerVersion} to '{toAlias}' (was version {outcome.ChampionVersion})."
                    : $"Refused: '{toAlias}' stays at version {outcome.ChampionVersion}.");
            }

            return outcome.Promoted ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
