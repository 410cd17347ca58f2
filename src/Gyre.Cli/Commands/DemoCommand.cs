using System.CommandLine;
using Gyre.Cli.Output;
using Gyre.Data.Synthetic;
using Gyre.Pipelines.Jobs;
using Gyre.Training.Specs;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre demo`: the main job on the embedded default. Generates card-fraud data into the workspace,
/// trains LightGBM with 5-fold stratified cross-validation and a stratified holdout, tracks the run and
/// prints a summary with the commands to look further.
/// </summary>
public static class DemoCommand
{
    public const string Experiment = "demo";

    public static Command Create(CliEnvironment environment)
    {
        var rows = new Option<long>("--rows", "-n") { Description = "Rows of synthetic fraud data to generate.", DefaultValueFactory = _ => 50_000 };
        var seed = new Option<int>("--seed") { Description = "Seed for data, splits and trainer.", DefaultValueFactory = _ => 7 };
        var json = CommonOptions.Json();
        var command = new Command("demo", "Generate fraud data, train and cross-validate a model, track the run and print a summary.") { rows, seed, json };
        command.SetAction(async (parse, ct) =>
        {
            var quiet = parse.GetValue(json);
            var workspace = await Workspace.OpenAsync(environment, ct);
            var dataPath = Path.Combine(workspace.Home, "demo", "fraud.csv");
            var count = parse.GetValue(rows);
            var seedValue = parse.GetValue(seed);
            await ProgressDisplay.RunAsync(environment, quiet, "demo", async progress =>
            {
                progress.Report(new ProgressStep($"generating {count} card transactions", 0.5));
                await FraudTransactionGenerator.WriteCsvAsync(dataPath, count, seedValue, FraudDrift.None, ct);
                return 0;
            });
            var spec = new TrainingSpec
            {
                Data = dataPath,
                Label = FraudTransactionGenerator.LabelColumn,
                Task = TaskKind.Binary,
                Trainer = "lightgbm",
                Seed = seedValue,
                PermutationImportance = true,
                PermutationRepeats = 2,
            };
            var request = new TrainingJobRequest(spec, Experiment, "demo-lightgbm", "gyre demo", environment.WorkingDirectory);
            var result = await TrainCommand.RunJobAsync(environment, workspace, request, quiet, ct);
            if (quiet)
            {
                await JsonOutput.WriteAsync(environment.Out, TrainingReport.ToJson(result));
                return ExitCodes.Success;
            }

            var console = Consoles.For(environment.Out, environment.Interactive);
            console.Write(new Rule("[bold]Gyre demo[/]: card-fraud detection").LeftJustified());
            console.WriteLine($"Data: {count} synthetic transactions ({Path.GetRelativePath(environment.WorkingDirectory, dataPath)}), label is_fraud.");
            TrainingReport.Write(console, result);
            console.Write(new Rule("next").LeftJustified());
            console.WriteLine($"  ./gyre runs show {result.RunId.Value[..8]}          # everything tracked for this run");
            console.WriteLine("  ./gyre runs list                  # all runs");
            console.WriteLine($"  ./gyre data profile {Path.GetRelativePath(environment.WorkingDirectory, dataPath)}");
            console.WriteLine($"  ./gyre predict --model {Path.GetRelativePath(environment.WorkingDirectory, result.ModelPath)} --input {Path.GetRelativePath(environment.WorkingDirectory, dataPath)} --output scored.csv");
            return ExitCodes.Success;
        });
        return command;
    }
}
