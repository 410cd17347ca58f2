namespace Gyre.Pipelines.Jobs;

/// <summary>Progress of a tracked training: a stage description and the fraction (0..1) of the whole job done.</summary>
public sealed record TrainingJobProgress(string Stage, double Fraction);
