using Gyre.Core;
using Gyre.Training.Validation;

namespace Gyre.Pipelines.Jobs;

/// <summary>What a finished tracked training produced. <paramref name="ModelPath"/> is the model package folder.</summary>
public sealed record TrainingJobResult(
    RunId RunId,
    ExperimentId ExperimentId,
    string RunName,
    string ModelPath,
    string DataFingerprint,
    int TrainingRows,
    int EvaluationRows,
    TrainingOutcome Outcome);
