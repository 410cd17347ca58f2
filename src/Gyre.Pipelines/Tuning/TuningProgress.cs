using Gyre.Tuning;

namespace Gyre.Pipelines.Tuning;

/// <summary>A trial of this process finished: the trial, the study's best so far (null if none completed), the study's finished trial count and its budget.</summary>
public sealed record TuningProgress(FrozenTrial Trial, FrozenTrial? Best, int Finished, int Budget);
