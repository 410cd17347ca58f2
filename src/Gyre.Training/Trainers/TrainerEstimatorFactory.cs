using Gyre.Training.Featurization;
using Gyre.Training.Specs;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Gyre.Training.Trainers;

/// <summary>
/// Turns a <see cref="ResolvedTrainer"/> into an ML.NET trainer estimator reading
/// <see cref="FeatureViewBuilder.LabelColumn"/> and <see cref="FeatureViewBuilder.FeaturesColumn"/>.
/// Every trainer runs single-threaded with a fixed seed so that results are reproducible; every binary
/// estimator outputs a calibrated "Probability" column (forests get a Platt calibrator).
/// </summary>
internal static class TrainerEstimatorFactory
{
    private const string Label = FeatureViewBuilder.LabelColumn;
    private const string Features = FeatureViewBuilder.FeaturesColumn;

    /// <summary>Whether the trainer wants normalized features (linear models).</summary>
    public static bool NeedsNormalization(ResolvedTrainer trainer) => trainer.Name is "sdca" or "lbfgs";

    public static IEstimator<ITransformer> Create(MLContext ml, ResolvedTrainer trainer, int seed) => (trainer.Name, trainer.Task) switch
    {
        ("lightgbm", TaskKind.Binary) => ml.BinaryClassification.Trainers.LightGbm(LightGbm(new LightGbmBinaryTrainer.Options(), trainer, seed)),
        ("lightgbm", TaskKind.Multiclass) => ml.MulticlassClassification.Trainers.LightGbm(LightGbm(new LightGbmMulticlassTrainer.Options(), trainer, seed)),
        ("lightgbm", TaskKind.Regression) => ml.Regression.Trainers.LightGbm(LightGbm(new LightGbmRegressionTrainer.Options(), trainer, seed)),
        ("fasttree", TaskKind.Binary) => FastTreeBinary(ml, trainer, seed),
        ("fasttree", TaskKind.Multiclass) => ml.MulticlassClassification.Trainers.OneVersusAll(FastTreeBinary(ml, trainer, seed), Label),
        ("fasttree", TaskKind.Regression) => ml.Regression.Trainers.FastTree(FastTree(new FastTreeRegressionTrainer.Options(), trainer, seed)),
        ("fastforest", TaskKind.Binary) => FastForestBinary(ml, trainer, seed).Append(ml.BinaryClassification.Calibrators.Platt(Label)),
        ("fastforest", TaskKind.Multiclass) => ml.MulticlassClassification.Trainers.OneVersusAll(FastForestBinary(ml, trainer, seed), Label),
        ("fastforest", TaskKind.Regression) => ml.Regression.Trainers.FastForest(FastForest(new FastForestRegressionTrainer.Options(), trainer, seed)),
        ("sdca", TaskKind.Binary) => ml.BinaryClassification.Trainers.SdcaLogisticRegression(SdcaBinary(trainer)),
        ("sdca", TaskKind.Multiclass) => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(SdcaMulticlass(trainer)),
        ("sdca", TaskKind.Regression) => ml.Regression.Trainers.Sdca(SdcaRegression(trainer)),
        ("lbfgs", TaskKind.Binary) => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(LbfgsBinary(trainer)),
        ("lbfgs", TaskKind.Multiclass) => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(LbfgsMulticlass(trainer)),
        _ => throw new InvalidOperationException($"No estimator for trainer '{trainer.Name}' on {trainer.Task}."),
    };

    private static LightGbmBinaryTrainer.Options LightGbm(LightGbmBinaryTrainer.Options o, ResolvedTrainer t, int seed)
    {
        o.LabelColumnName = Label;
        o.FeatureColumnName = Features;
        o.NumberOfLeaves = t.GetInt("num_leaves");
        o.LearningRate = t.GetDouble("learning_rate");
        o.NumberOfIterations = t.GetInt("num_iterations");
        o.MinimumExampleCountPerLeaf = t.GetInt("min_data_in_leaf");
        o.Booster = Booster(t);
        o.Seed = seed;
        o.Deterministic = true;
        o.NumberOfThreads = 1;
        o.Silent = true;
        return o;
    }

    private static LightGbmMulticlassTrainer.Options LightGbm(LightGbmMulticlassTrainer.Options o, ResolvedTrainer t, int seed)
    {
        o.LabelColumnName = Label;
        o.FeatureColumnName = Features;
        o.NumberOfLeaves = t.GetInt("num_leaves");
        o.LearningRate = t.GetDouble("learning_rate");
        o.NumberOfIterations = t.GetInt("num_iterations");
        o.MinimumExampleCountPerLeaf = t.GetInt("min_data_in_leaf");
        o.Booster = Booster(t);
        o.Seed = seed;
        o.Deterministic = true;
        o.NumberOfThreads = 1;
        o.Silent = true;
        return o;
    }

    private static LightGbmRegressionTrainer.Options LightGbm(LightGbmRegressionTrainer.Options o, ResolvedTrainer t, int seed)
    {
        o.LabelColumnName = Label;
        o.FeatureColumnName = Features;
        o.NumberOfLeaves = t.GetInt("num_leaves");
        o.LearningRate = t.GetDouble("learning_rate");
        o.NumberOfIterations = t.GetInt("num_iterations");
        o.MinimumExampleCountPerLeaf = t.GetInt("min_data_in_leaf");
        o.Booster = Booster(t);
        o.Seed = seed;
        o.Deterministic = true;
        o.NumberOfThreads = 1;
        o.Silent = true;
        return o;
    }

    private static GradientBooster.Options Booster(ResolvedTrainer t) => new()
    {
        FeatureFraction = t.GetDouble("feature_fraction"),
        L2Regularization = t.GetDouble("l2"),
        MaximumTreeDepth = t.GetInt("max_depth"),
    };

    private static FastTreeBinaryTrainer FastTreeBinary(MLContext ml, ResolvedTrainer t, int seed) =>
        ml.BinaryClassification.Trainers.FastTree(FastTree(new FastTreeBinaryTrainer.Options(), t, seed));

    private static TOptions FastTree<TOptions>(TOptions o, ResolvedTrainer t, int seed)
        where TOptions : BoostedTreeOptions
    {
        o.LabelColumnName = Label;
        o.FeatureColumnName = Features;
        o.NumberOfLeaves = t.GetInt("num_leaves");
        o.LearningRate = t.GetDouble("learning_rate");
        o.NumberOfTrees = t.GetInt("num_iterations");
        o.MinimumExampleCountPerLeaf = t.GetInt("min_data_in_leaf");
        o.FeatureFraction = t.GetDouble("feature_fraction");
        o.Seed = seed;
        o.FeatureSelectionSeed = seed;
        o.NumberOfThreads = 1;
        return o;
    }

    private static FastForestBinaryTrainer FastForestBinary(MLContext ml, ResolvedTrainer t, int seed) =>
        ml.BinaryClassification.Trainers.FastForest(FastForest(new FastForestBinaryTrainer.Options(), t, seed));

    private static TOptions FastForest<TOptions>(TOptions o, ResolvedTrainer t, int seed)
        where TOptions : FastForestOptionsBase
    {
        o.LabelColumnName = Label;
        o.FeatureColumnName = Features;
        o.NumberOfTrees = t.GetInt("num_trees");
        o.NumberOfLeaves = t.GetInt("num_leaves");
        o.MinimumExampleCountPerLeaf = t.GetInt("min_data_in_leaf");
        o.FeatureFraction = t.GetDouble("feature_fraction");
        o.Seed = seed;
        o.FeatureSelectionSeed = seed;
        o.NumberOfThreads = 1;
        return o;
    }

    private static SdcaLogisticRegressionBinaryTrainer.Options SdcaBinary(ResolvedTrainer t) => new()
    {
        LabelColumnName = Label,
        FeatureColumnName = Features,
        L1Regularization = (float)t.GetDouble("l1"),
        L2Regularization = (float)t.GetDouble("l2"),
        MaximumNumberOfIterations = t.GetInt("max_iterations"),
        NumberOfThreads = 1,
    };

    private static SdcaMaximumEntropyMulticlassTrainer.Options SdcaMulticlass(ResolvedTrainer t) => new()
    {
        LabelColumnName = Label,
        FeatureColumnName = Features,
        L1Regularization = (float)t.GetDouble("l1"),
        L2Regularization = (float)t.GetDouble("l2"),
        MaximumNumberOfIterations = t.GetInt("max_iterations"),
        NumberOfThreads = 1,
    };

    private static SdcaRegressionTrainer.Options SdcaRegression(ResolvedTrainer t) => new()
    {
        LabelColumnName = Label,
        FeatureColumnName = Features,
        L1Regularization = (float)t.GetDouble("l1"),
        L2Regularization = (float)t.GetDouble("l2"),
        MaximumNumberOfIterations = t.GetInt("max_iterations"),
        NumberOfThreads = 1,
    };

    private static LbfgsLogisticRegressionBinaryTrainer.Options LbfgsBinary(ResolvedTrainer t) => new()
    {
        LabelColumnName = Label,
        FeatureColumnName = Features,
        L1Regularization = (float)t.GetDouble("l1"),
        L2Regularization = (float)t.GetDouble("l2"),
        MaximumNumberOfIterations = t.GetInt("max_iterations"),
        NumberOfThreads = 1,
    };

    private static LbfgsMaximumEntropyMulticlassTrainer.Options LbfgsMulticlass(ResolvedTrainer t) => new()
    {
        LabelColumnName = Label,
        FeatureColumnName = Features,
        L1Regularization = (float)t.GetDouble("l1"),
        L2Regularization = (float)t.GetDouble("l2"),
        MaximumNumberOfIterations = t.GetInt("max_iterations"),
        NumberOfThreads = 1,
    };
}
