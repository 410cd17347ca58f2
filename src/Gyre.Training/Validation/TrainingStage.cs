namespace Gyre.Training.Validation;

/// <summary>The stages of <see cref="ModelTrainer.Train"/>, in order.</summary>
public enum TrainingStage
{
    Preparing,
    CrossValidating,
    FittingFinalModel,
    Evaluating,
    ComputingImportance,
    Done,
}
