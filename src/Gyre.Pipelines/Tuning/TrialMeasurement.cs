using Gyre.Training.Validation;

namespace Gyre.Pipelines.Tuning;

/// <summary>What validating one configuration measured: the objective value and the points reported on the way.</summary>
public sealed record TrialMeasurement(double Value, IReadOnlyList<double> FoldValues, IReadOnlyList<IterationMetric> LearningCurve);
