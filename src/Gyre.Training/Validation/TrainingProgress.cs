namespace Gyre.Training.Validation;

/// <summary>A progress report. <paramref name="Step"/> of <paramref name="Steps"/> (1-based) counts folds or columns within the stage, when it has them.</summary>
public sealed record TrainingProgress(TrainingStage Stage, string Message, int? Step = null, int? Steps = null);
