using Gyre.Training.Specs;

namespace Gyre.Pipelines.Jobs;

/// <summary>
/// One tracked training. <see cref="Spec"/> must name its data (<see cref="TrainingSpec.Data"/>); paths are
/// absolute or relative to the process's working folder. <paramref name="RunName"/> null = generated.
/// <paramref name="Source"/> is recorded as the run's source (e.g. "gyre train").
/// </summary>
public sealed record TrainingJobRequest(
    TrainingSpec Spec,
    string ExperimentName,
    string? RunName,
    string Source,
    string WorkingDirectory);
