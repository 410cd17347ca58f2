using System.CommandLine;
using System.Globalization;
using Gyre.Cli.Output;
using Gyre.Core;
using Gyre.Pipelines.Jobs;
using Gyre.Training.Specs;

namespace Gyre.Cli.Commands;

/// <summary>`gyre train`: a tracked training from flags and/or a YAML spec (flags win).</summary>
public static class TrainCommand
{
    public const string DefaultExperiment = "Default";

    public static Command Create(CliEnvironment environment)
    {
        var spec = new Option<string?>("--spec") { Description = "A YAML training spec (docs/training-spec.md); flags override its values." };
        var data = new Option<string?>("--data", "-d") { Description = "Training data: a CSV or Parquet file." };
        var test = new Option<string?>("--test") { Description = "A separate evaluation file; then all of --data trains (no holdout)." };
        var label = new Option<string?>("--label", "-l") { Description = "The label column." };
        var task = new Option<string?>("--task", "-t") { Description = "binary, multiclass or regression." };
        task.AcceptOnlyFromAmong("binary", "multiclass", "regression");
        var trainer = new Option<string?>("--trainer") { Description = "lightgbm (default), fasttree, fastforest, sdca, lbfgs or linear." };
        var parameters = new Option<string[]>("--param", "-p") { Description = "A trainer hyperparameter NAME=VALUE (repeatable), e.g. -p num_leaves=63." };
        var seed = new Option<int?>("--seed") { Description = "Seed for splits and trainers (default 42)." };
        var folds = new Option<int?>("--folds") { Description = "k-fold cross-validation folds (default 5; 0 = none)." };
        var holdout = new Option<double?>("--holdout") { Description = "Fraction of rows held out for evaluation (default 0.2)." };
        var positive = new Option<string?>("--positive-class") { Description = "Binary: the label value that is positive (default: see docs/training-spec.md)." };
        var ignore = new Option<string[]>("--ignore") { Description = "A column not to use as a feature (repeatable)." };
        var importance = new Option<bool>("--importance") { Description = "Compute permutation feature importance." };
        var experiment = new Option<string?>("--experiment", "-e") { Description = $"Tracking experiment (default '{DefaultExperiment}')." };
        var runName = new Option<string?>("--run-name") { Description = "Name of the run (default TRAINER-DATAFILE)." };
        var json = CommonOptions.Json();
        var command = new Command("train", "Train and validate a model, track the run and write a model package.")
        {
            spec, data, test, label, task, trainer, parameters, seed, folds, holdout, positive, ignore, importance, experiment, runName, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var specPath = parse.GetValue(spec);
            var baseSpec = specPath is null ? null : await TrainingSpecYaml.LoadAsync(environment.ResolvePath(specPath), ct);
            var merged = Merge(baseSpec, new SpecFlags(
                parse.GetValue(data), parse.GetValue(test), parse.GetValue(label), parse.GetValue(task), parse.GetValue(trainer),
                parse.GetValue(parameters) ?? [], parse.GetValue(seed), parse.GetValue(folds), parse.GetValue(holdout),
                parse.GetValue(positive), parse.GetValue(ignore) ?? [], parse.GetValue(importance), parse.GetValue(experiment)));
            var quiet = parse.GetValue(json);
            var workspace = await Workspace.OpenAsync(environment, ct);
            var request = new TrainingJobRequest(merged, merged.Experiment ?? DefaultExperiment, parse.GetValue(runName), "gyre train", environment.WorkingDirectory);
            var result = await RunJobAsync(environment, workspace, request, quiet, ct);
            if (quiet)
            {
                await JsonOutput.WriteAsync(environment.Out, TrainingReport.ToJson(result));
            }
            else
            {
                TrainingReport.Write(Consoles.For(environment.Out, environment.Interactive), result);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Runs a tracked training with progress shown (unless quiet).</summary>
    public static Task<TrainingJobResult> RunJobAsync(CliEnvironment environment, Workspace workspace, TrainingJobRequest request, bool quiet, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(request);
        var job = new TrainingJob(workspace.Tracking, workspace.Artifacts);
        return ProgressDisplay.RunAsync(environment, quiet, "training", progress =>
            job.RunAsync(request, new JobProgress(progress), ct));
    }

    /// <summary>
    /// Forwards job progress on the reporting thread. (System.Progress would post each report to the thread
    /// pool: lines could come out of order, or after the command returned and its writer was closed.)
    /// </summary>
    private sealed class JobProgress(IProgress<ProgressStep> target) : IProgress<TrainingJobProgress>
    {
        public void Report(TrainingJobProgress value) => target.Report(new ProgressStep(value.Stage, value.Fraction));
    }

    private sealed record SpecFlags(
        string? Data, string? Test, string? Label, string? Task, string? Trainer, string[] Parameters, int? Seed, int? Folds,
        double? Holdout, string? PositiveClass, string[] Ignore, bool Importance, string? Experiment);

    private static TrainingSpec Merge(TrainingSpec? spec, SpecFlags flags)
    {
        var label = flags.Label ?? spec?.Label ?? throw GyreException.InvalidInput("No label column: give --label COLUMN (or 'label:' in --spec).");
        TaskKind? task = flags.Task is null ? spec?.Task : Enum.Parse<TaskKind>(flags.Task, ignoreCase: true);
        var merged = (spec ?? new TrainingSpec { Label = label, Task = task ?? TaskKind.Binary }) with
        {
            Label = label,
            Task = task ?? throw GyreException.InvalidInput("No task: give --task binary|multiclass|regression (or 'task:' in --spec)."),
        };
        if (flags.Data is not null)
        {
            merged = merged with { Data = flags.Data };
        }

        if (flags.Test is not null)
        {
            merged = merged with { TestData = flags.Test };
        }

        if (flags.Trainer is not null)
        {
            merged = merged with { Trainer = flags.Trainer };
        }

        if (flags.Parameters.Length > 0)
        {
            var hyperparameters = new Dictionary<string, string>(merged.Hyperparameters, StringComparer.Ordinal);
            foreach (var pair in flags.Parameters)
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0 || equals == pair.Length - 1)
                {
                    throw GyreException.InvalidInput($"--param '{pair}' is not NAME=VALUE (e.g. --param num_leaves=63).");
                }

                hyperparameters[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
            }

            merged = merged with { Hyperparameters = hyperparameters };
        }

        if (flags.Seed is { } seed)
        {
            merged = merged with { Seed = seed };
        }

        if (flags.Folds is { } folds)
        {
            if (folds < 0)
            {
                throw GyreException.InvalidInput($"--folds must be 0 (no cross-validation) or more, got {folds}.");
            }

            merged = merged with { Validation = merged.Validation with { Folds = folds } };
        }

        if (flags.Holdout is { } holdout)
        {
            if (holdout is < 0 or >= 1)
            {
                throw GyreException.InvalidInput($"--holdout must be in [0, 1), got {holdout.ToString(CultureInfo.InvariantCulture)}.");
            }

            merged = merged with { Validation = merged.Validation with { HoldoutFraction = holdout } };
        }

        if (flags.PositiveClass is not null)
        {
            merged = merged with { PositiveClass = flags.PositiveClass };
        }

        if (flags.Ignore.Length > 0)
        {
            merged = merged with { Ignore = [.. merged.Ignore.Concat(flags.Ignore).Distinct(StringComparer.Ordinal)] };
        }

        if (flags.Importance)
        {
            merged = merged with { PermutationImportance = true };
        }

        if (flags.Experiment is not null)
        {
            merged = merged with { Experiment = flags.Experiment };
        }

        return merged;
    }
}
