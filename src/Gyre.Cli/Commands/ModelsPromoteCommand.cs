using System.CommandLine;
using System.Globalization;
using Gyre.Cli.Output;
using Gyre.Core;
using Gyre.Pipelines.Registry;
using Gyre.Registry.Promotion;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre models promote NAME --from A --to B --policy FILE [--eval DATA]`: move alias B to A's version when the
/// policy holds, on the versions' recorded metrics or, with --eval, on both versions scored on the same rows.
/// Exit 0 promoted, 1 refused (or failure), 2 bad command line, including a bad policy file and a policy whose
/// rules need --eval when none was given.
/// </summary>
public static class ModelsPromoteCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "The registered model." };
        var from = new Option<string>("--from") { Description = "The alias of the candidate version.", DefaultValueFactory = _ => "challenger" };
        var to = new Option<string>("--to") { Description = "The alias to move when the policy holds.", DefaultValueFactory = _ => "champion" };
        var policy = new Option<string>("--policy") { Description = "The promotion policy YAML file (docs/registry.md, 'Promotion gates').", Required = true };
        var eval = new Option<string?>("--eval") { Description = "A labeled CSV or Parquet file: score both versions on its rows (paired) instead of comparing recorded metrics." };
        var reason = ModelsCommands.Reason();
        var json = CommonOptions.Json();
        var command = new Command("promote", "Move alias --to to the version behind --from if the policy's rules hold (recorded metrics, or both versions scored on --eval); the decision is recorded in the audit log.")
        {
            name, from, to, policy, eval, reason, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var policyPath = environment.ResolvePath(parse.GetValue(policy)!);
            PromotionPolicy rules;
            try
            {
                rules = await ModelPromotionPolicyReader.ReadAsync(policyPath, ct);
            }
            catch (GyreException error) when (error.Kind == ErrorKind.InvalidInput)
            {
                return await UsageErrorAsync(environment, error.Message);
            }

            var evalPath = parse.GetValue(eval) is { } given ? environment.ResolvePath(given) : null;
            if (rules.NeedsEvaluationData && evalPath is null)
            {
                var keys = new[] { rules.MaxLatencyMsP95 is null ? null : "max_latency_ms_p95", rules.RequireSignificant ? "require_significant" : null }.OfType<string>();
                return await UsageErrorAsync(environment,
                    $"{policyPath}: the {string.Join(" and ", keys)} rule needs --eval DATA (a labeled file to score and time both versions on).");
            }

            var workspace = await Workspace.OpenAsync(environment, ct);
            var modelName = parse.GetValue(name)!;
            var toAlias = parse.GetValue(to)!;
            var quiet = parse.GetValue(json);
            var promotion = new ModelPromotion(workspace.Registry, ModelsCommands.Loader(workspace));
            var actor = ModelsCommands.Actor(environment, parse.GetValue(reason));
            var outcome = evalPath is null
                ? await promotion.PromoteAsync(modelName, parse.GetValue(from)!, toAlias, rules, actor, ct)
                : await ProgressDisplay.RunAsync(environment, quiet, "Evaluating", progress => promotion.PromoteAsync(
                    modelName, parse.GetValue(from)!, toAlias, rules,
                    new ModelPromotionOptions
                    {
                        EvaluationDataPath = evalPath,
                        Progress = new Progress(step => progress.Report(new ProgressStep(step.Stage, step.Fraction))),
                    },
                    actor, ct));
            if (quiet)
            {
                var document = new System.Text.Json.Nodes.JsonObject { ["name"] = modelName };
                foreach (var (key, value) in ModelPromotionDetails.Build(outcome))
                {
                    document[key] = value?.DeepClone();
                }

                await environment.Out.WriteLineAsync(document.ToJsonString(JsonOutput.Options));
            }
            else
            {
                WriteReport(Consoles.For(environment.Out, environment.Interactive), modelName, toAlias, outcome);
            }

            return outcome.Promoted ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static void WriteReport(IAnsiConsole console, string modelName, string toAlias, ModelPromotionOutcome outcome)
    {
        var evidence = outcome.Evidence;
        console.WriteLine(evidence.EvaluationRows is { } rows
            ? $"Scored both versions on the same {rows} rows of {evidence.MetricsSource["eval:".Length..]} (paired evaluation)."
            : "Compared the versions' recorded metrics.");
        if (outcome.Decision.Rules.Count > 0)
        {
            var table = new Table().AddColumns("rule", "champion", "challenger", "threshold", "result");
            foreach (var rule in outcome.Decision.Rules)
            {
                table.AddRow(
                    Markup.Escape(rule.Rule), Number(rule.Champion), Number(rule.Challenger), Number(rule.Threshold),
                    rule.Passed ? "[green]PASS[/]" : "[red]FAIL[/]");
            }

            console.Write(table);
        }

        if (evidence.PrimaryImprovement is { } interval)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{interval.Metric} improvement, paired bootstrap {interval.Confidence * 100:0.#}% interval: [{interval.Lower:G6}, {interval.Upper:G6}] ({interval.Replicates} resamples, seed {interval.Seed})."));
        }

        if (evidence.ChallengerLatency is { } challenger)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Single-row scoring latency p95: champion {evidence.ChampionLatency?.P95Ms:G4} ms, challenger {challenger.P95Ms:G4} ms ({challenger.TimedCalls} timed calls after {challenger.WarmupCalls} warm-up)."));
        }

        foreach (var rule in outcome.Decision.Rules.Where(r => !r.Passed))
        {
            console.MarkupLine($"[red]FAIL[/] {Markup.Escape(rule.Rule)}: {Markup.Escape(rule.Message)}");
        }

        console.WriteLine(outcome.Promoted
            ? outcome.ChampionVersion is null
                ? $"Alias '{toAlias}' did not exist: it now points to {modelName}/{outcome.ChallengerVersion} (no champion to beat)."
                : $"Promoted {modelName}/{outcome.ChallengerVersion} to '{toAlias}' (was version {outcome.ChampionVersion})."
            : $"Refused: '{toAlias}' stays at version {outcome.ChampionVersion}.");
    }

    private static string Number(double? value) => value switch
    {
        null => "-",
        var v when double.IsNaN(v.Value) => "NaN",
        var v => v.Value.ToString("G6", CultureInfo.InvariantCulture),
    };

    /// <summary>A usage error found when running (the policy file is part of the command line): exit 2, as for parse errors.</summary>
    private static async Task<int> UsageErrorAsync(CliEnvironment environment, string message)
    {
        await environment.Error.WriteLineAsync($"gyre: {message}");
        await environment.Error.WriteLineAsync("Run 'gyre models promote --help' for usage.");
        return ExitCodes.Usage;
    }

    /// <summary>Reports on the caller's thread (System.Progress posts to the thread pool and may reorder).</summary>
    private sealed class Progress(Action<ModelPromotionProgress> report) : IProgress<ModelPromotionProgress>
    {
        public void Report(ModelPromotionProgress value) => report(value);
    }
}
