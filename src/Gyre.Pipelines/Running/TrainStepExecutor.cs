using System.Globalization;
using Gyre.Core;
using Gyre.Pipelines.Jobs;
using Gyre.Tracking;
using Gyre.Training.Specs;

namespace Gyre.Pipelines.Running;

/// <summary>
/// The <c>train</c> step: a tracked training (<see cref="TrainingJob"/>), from a training spec (<c>spec</c>) whose
/// fields the other inputs override, or from <c>data</c> and <c>label</c> alone (<c>task</c> default binary,
/// <c>trainer</c>, <c>folds</c>, <c>experiment</c> default "pipelines"). Outputs: <c>run_id</c> and <c>model</c> (the
/// model package folder), which a <c>register</c> or <c>export</c> step can take.
/// </summary>
public sealed class TrainStepExecutor(ITrackingStore tracking, IArtifactStore artifacts) : IStepExecutor
{
    public string Kind => "train";

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.Inputs;
        var baseSpec = inputs.TryGetValue("spec", out var specPath)
            ? await TrainingSpecYaml.LoadAsync(Path.GetFullPath(specPath, context.WorkingDirectory), cancellationToken)
            : null;
        var label = inputs.GetValueOrDefault("label") ?? baseSpec?.Label
            ?? throw GyreException.InvalidInput($"step '{context.StepId}': no label (give 'label', or a spec with one).");
        var task = inputs.TryGetValue("task", out var taskText)
            ? Enum.TryParse<TaskKind>(taskText, ignoreCase: true, out var parsed) ? parsed : throw GyreException.InvalidInput($"step '{context.StepId}': task '{taskText}' is not binary, multiclass or regression.")
            : baseSpec?.Task ?? TaskKind.Binary;
        var spec = (baseSpec ?? new TrainingSpec { Label = label, Task = task }) with
        {
            Label = label,
            Task = task,
            Data = inputs.TryGetValue("data", out var data) ? Path.GetFullPath(data, context.WorkingDirectory) : baseSpec?.Data,
            Trainer = inputs.GetValueOrDefault("trainer") ?? baseSpec?.Trainer ?? "lightgbm",
            Experiment = inputs.GetValueOrDefault("experiment") ?? baseSpec?.Experiment ?? PipelineRunner.Experiment,
        };
        if (inputs.TryGetValue("folds", out var foldsText))
        {
            spec = spec with
            {
                Validation = spec.Validation with
                {
                    Folds = int.TryParse(foldsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var folds) && folds >= 0
                        ? folds
                        : throw GyreException.InvalidInput($"step '{context.StepId}': folds must be a whole number ≥ 0; got '{foldsText}'."),
                },
            };
        }

        await context.Log.WriteLineAsync($"training {spec.Trainer} ({spec.Task}) on {spec.Data}, label '{spec.Label}'");
        var job = new TrainingJob(tracking, artifacts);
        var result = await job.RunAsync(new TrainingJobRequest(spec, spec.Experiment!, null, $"gyre pipeline (step {context.StepId})", context.WorkingDirectory), null, cancellationToken);
        await context.Log.WriteLineAsync($"run {result.RunId.Value}: model at {result.ModelPath}");
        return new Dictionary<string, string>(StringComparer.Ordinal) { ["run_id"] = result.RunId.Value, ["model"] = result.ModelPath };
    }
}
