using System.CommandLine;
using Gyre.Cli.Commands.Tune;
using Gyre.Cli.Output;
using Gyre.Client;
using Gyre.Core;
using Gyre.Pipelines.Tuning;
using Gyre.Tuning;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre tune --spec tune.yaml` (or the spec as flags: --data, --label, --task, --param ...; see <see cref="TuneFlags"/>):
/// a hyperparameter study (docs/tuning.md) tracked as a parent run with a child run per trial, ending with the best
/// configuration's model package. Flags override the spec's budget and study name.
/// Several processes with the same --study on a shared store split one study-wide trial budget.
/// </summary>
public static class TuneCommand
{
    /// <summary>How often a running trial tells the store it is alive; a trial silent for twice this long is failed and replaced.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);

    public static Command Create(CliEnvironment environment)
    {
        var spec = new Option<string?>("--spec") { Description = "The YAML tuning spec (docs/tuning.md); or give the spec as --data, --label, --task, --param." };
        var data = new Option<string?>("--data") { Description = "Without --spec: the data file (CSV or Parquet)." };
        var label = new Option<string?>("--label") { Description = "Without --spec: the label column." };
        var task = new Option<string?>("--task") { Description = "Without --spec: binary, multiclass or regression." };
        var trainer = new Option<string?>("--trainer") { Description = "Without --spec: the trainer (default lightgbm)." };
        var metric = new Option<string?>("--metric") { Description = "Without --spec: the metric to optimise (default: the task's usual one)." };
        var validation = new Option<string?>("--validation") { Description = "Without --spec: kfold[:FOLDS] or holdout[:TEST_FRACTION]." };
        var sampler = new Option<string?>("--sampler") { Description = "Without --spec: tpe (default), tpe_classic (Optuna 3.1's TPE exactly) or random." };
        var pruner = new Option<string?>("--pruner") { Description = "Without --spec: median (default), asha, hyperband or none." };
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "Without --spec: a search-space entry, NAME=int:LOW:HIGH[:log], NAME=float:LOW:HIGH[:log] or NAME=categorical:A,B,C (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var trials = new Option<int?>("--trials") { Description = "Study-wide trial budget (overrides 'trials:')." };
        var timeout = new Option<string?>("--timeout") { Description = "Wall-time budget of this process, e.g. 30s, 10m, 1h (overrides 'timeout:')." };
        var workers = new Option<int>("--workers") { Description = "Trials run in parallel in this process (default 1).", DefaultValueFactory = _ => 1 };
        var study = new Option<string?>("--study") { Description = "Study name (overrides 'study:'; default: the spec file's name). Processes with one name share the study." };
        var store = new Option<string?>("--store") { Description = $"Tracking store for runs and studies, as {TrackingClient.TrackingUriVariable} names it (default: that variable, else the local workspace)." };
        var experiment = new Option<string?>("--experiment", "-e") { Description = $"Tracking experiment (overrides 'experiment:'; default '{TrainCommand.DefaultExperiment}')." };
        var json = CommonOptions.Json();
        var command = new Command("tune", "Tune a trainer's hyperparameters: a tracked study whose best model is packaged for registration.")
        {
            spec, data, label, task, trainer, metric, validation, sampler, pruner, parameters, trials, timeout, workers, study, store, experiment, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            TuneSpec tuneSpec;
            if (parse.GetValue(spec) is { } specPath)
            {
                tuneSpec = await TuneSpecYaml.LoadAsync(environment.ResolvePath(specPath), ct);
            }
            else
            {
                var flags = new TuneFlags(
                    parse.GetValue(data) ?? throw GyreException.InvalidInput("Give --spec FILE, or the spec as flags: --data, --label, --task and --param."),
                    parse.GetValue(label) ?? throw GyreException.InvalidInput("--label is required without --spec."),
                    parse.GetValue(task) ?? throw GyreException.InvalidInput("--task is required without --spec (binary, multiclass or regression)."),
                    parse.GetValue(trainer), parse.GetValue(metric), parse.GetValue(validation), parse.GetValue(sampler), parse.GetValue(pruner),
                    parse.GetValue(parameters) ?? []);
                tuneSpec = TuneSpecYaml.Parse(flags.ToYaml(environment.ResolvePath(flags.Data)), "the spec given as flags");
            }

            tuneSpec = Override(tuneSpec, parse.GetValue(trials), parse.GetValue(timeout), parse.GetValue(study), parse.GetValue(experiment));
            var workerCount = parse.GetValue(workers);
            if (workerCount < 1)
            {
                throw GyreException.InvalidInput($"--workers must be at least 1; got {workerCount}.");
            }

            var quiet = parse.GetValue(json);
            var storeEnvironment = parse.GetValue(store) is { } uri
                ? environment with { Variables = new Dictionary<string, string>(environment.Variables, StringComparer.Ordinal) { [TrackingClient.TrackingUriVariable] = uri } }
                : environment;
            var workspace = await Workspace.OpenAsync(storeEnvironment, ct);
            var console = Consoles.For(environment.Error, environment.Interactive);
            var studies = workspace.Tracking as IStudyStorage;
            if (studies is null && !quiet)
            {
                console.WriteLine("note: this tracking store does not hold studies; the study lives in this process only.");
            }

            var job = new TuningJob(workspace.Tracking, workspace.Artifacts, studies ?? new InMemoryStudyStorage());
            var request = new TuningJobRequest(tuneSpec, tuneSpec.Experiment ?? TrainCommand.DefaultExperiment, workerCount, HeartbeatInterval, environment.WorkingDirectory, "gyre tune");
            var gate = new Lock();
            Action<TuningProgress>? progress = quiet ? null : p =>
            {
                lock (gate)
                {
                    console.WriteLine(TuneReport.ProgressLine(p, tuneSpec.Metric));
                }
            };
            var result = await job.RunAsync(request, progress, ct);
            if (quiet)
            {
                await JsonOutput.WriteAsync(environment.Out, TuneReport.ToJson(result));
            }
            else
            {
                TuneReport.Write(Consoles.For(environment.Out, environment.Interactive), result);
            }

            return result.BestTrial is null ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    private static TuneSpec Override(TuneSpec spec, int? trials, string? timeout, string? study, string? experiment)
    {
        if (trials is { } n)
        {
            spec = n >= 1 ? spec with { Trials = n } : throw GyreException.InvalidInput($"--trials must be at least 1; got {n}.");
        }

        if (timeout is not null)
        {
            spec = spec with { Timeout = TuneDuration.Parse(timeout, "--timeout") };
        }

        if (study is not null)
        {
            spec = spec with { Study = study };
        }

        return experiment is null ? spec : spec with { Experiment = experiment };
    }
}
