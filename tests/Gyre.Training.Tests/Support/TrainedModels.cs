using Gyre.Training.Specs;
using Gyre.Training.Validation;

namespace Gyre.Training.Tests.Support;

/// <summary>Small trained models shared by tests (trained once per test run; models are immutable).</summary>
internal static class TrainedModels
{
    private static readonly Lazy<TrainingOutcome> AdultBinaryLazy = new(() => ModelTrainer.Train(
        TestTables.Adult(2000),
        new TrainingSpec
        {
            Label = "income",
            Task = TaskKind.Binary,
            Hyperparameters = new Dictionary<string, string> { ["num_iterations"] = "50" },
            Validation = new ValidationSpec { Folds = 0 },
        }));

    private static readonly Lazy<TrainingOutcome> IrisMulticlassLazy = new(() => ModelTrainer.Train(
        TestTables.Iris(),
        new TrainingSpec { Label = "class", Task = TaskKind.Multiclass, Validation = new ValidationSpec { Folds = 0 } }));

    /// <summary>LightGBM on the first 2000 adult rows, 20 % stratified holdout.</summary>
    public static TrainingOutcome AdultBinary => AdultBinaryLazy.Value;

    /// <summary>LightGBM on iris, 20 % stratified holdout.</summary>
    public static TrainingOutcome IrisMulticlass => IrisMulticlassLazy.Value;
}
