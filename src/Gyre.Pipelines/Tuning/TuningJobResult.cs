using Gyre.Core;
using Gyre.Pipelines.Jobs;
using Gyre.Tuning;
using Gyre.Tuning.Analysis;

namespace Gyre.Pipelines.Tuning;

/// <summary>
/// What a tuning job ended with: the study (name, direction, metric), this process's study run, the study-wide
/// trial counts and best trial (null when none completed), and the tracked training of the best configuration
/// with its model package (null without a best trial).
/// </summary>
public sealed record TuningJobResult(
    string Study,
    string Metric,
    StudyDirection Direction,
    RunId StudyRunId,
    TrialStateCounts Counts,
    FrozenTrial? BestTrial,
    TrainingJobResult? BestModel);
