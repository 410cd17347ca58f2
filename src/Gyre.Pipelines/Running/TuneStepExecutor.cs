using System.Globalization;
using Gyre.Core;
using Gyre.Pipelines.Tuning;
using Gyre.Tracking;
using Gyre.Tuning;

namespace Gyre.Pipelines.Running;

/// <summary>
/// The <c>tune</c> step: a tracked hyperparameter study (<see cref="TuningJob"/>) from the tuning spec <c>spec</c>
/// (docs/tuning.md), whose budget and name the inputs <c>trials</c> (study-wide trial budget, ≥ 1), <c>workers</c>
/// (trials at once in this process, default 1) and <c>study</c> (default: the spec's) override; its runs go to the
/// spec's experiment, default "pipelines". The study lives in <paramref name="studies"/> (the tracking store's
/// database when it holds studies), so a study name reused by a later run continues that study and its budget.
/// Outputs: <c>study</c> (its name), <c>run_id</c> (the tracked training of the best configuration, the run a
/// <c>register</c> step takes) and <c>model</c> (that training's model package folder). Fails when no trial completed.
/// </summary>
public sealed class TuneStepExecutor(ITrackingStore tracking, IArtifactStore artifacts, IStudyStorage studies) : IStepExecutor
{
    /// <summary>How often a running trial tells the store it is alive (as `gyre tune`).</summary>
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);

    public string Kind => "tune";

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.Inputs;
        var specPath = Path.GetFullPath(inputs["spec"], context.WorkingDirectory);
        var spec = await TuneSpecYaml.LoadAsync(specPath, cancellationToken);
        if (inputs.TryGetValue("trials", out var trials))
        {
            spec = spec with { Trials = Positive(context, "trials", trials) };
        }

        if (inputs.TryGetValue("study", out var study))
        {
            spec = spec with { Study = study };
        }

        var workers = inputs.TryGetValue("workers", out var workersText) ? Positive(context, "workers", workersText) : 1;
        await context.Log.WriteLineAsync($"tuning {spec.Trainer} on {spec.Data}: study '{spec.Study}', {spec.Trials} trial(s), {workers} worker(s), {spec.Metric} ({spec.Direction})");
        var job = new TuningJob(tracking, artifacts, studies);
        var request = new TuningJobRequest(
            spec, spec.Experiment ?? PipelineRunner.Experiment, workers, studies is InMemoryStudyStorage ? null : HeartbeatInterval, context.WorkingDirectory,
            $"gyre pipeline (step {context.StepId})");
        var gate = new Lock();
        var result = await job.RunAsync(request, p =>
        {
            lock (gate)
            {
                context.Log.WriteLine($"trial {p.Trial.Number}: {p.Trial.State} ({p.Finished}/{p.Budget})");
            }
        }, cancellationToken);
        var best = result.BestModel
            ?? throw GyreException.InvalidState($"step '{context.StepId}': study '{result.Study}' has no completed trial ({result.Counts.Failed} failed); nothing to train.");
        await context.Log.WriteLineAsync(
            $"best trial {result.BestTrial!.Number} ({result.Metric} {result.BestTrial.Value?.ToString("G6", CultureInfo.InvariantCulture)}); best model run {best.RunId.Value} at {best.ModelPath}");
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["study"] = result.Study,
            ["run_id"] = best.RunId.Value,
            ["model"] = best.ModelPath,
        };
    }

    private static int Positive(StepContext context, string input, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw GyreException.InvalidInput($"step '{context.StepId}': {input} must be a whole number ≥ 1; got '{text}'.");
}
