using Gyre.Core;
using Gyre.Training.Trainers;

namespace Gyre.Pipelines.Tuning;

/// <summary>
/// Resolves a search-space name to the trainer's hyperparameter, case-insensitively and ignoring '_' and '-':
/// the catalog's names and aliases (num_trees, n_estimators, ...) and ML.NET's option names
/// (numberOfTrees, numberOfLeaves, learningRate, featureFraction, minimumExampleCountPerLeaf, ...).
/// </summary>
public static class HyperparameterNames
{
    /// <summary>ML.NET option names (normalized) → catalog names, tried in order against the trainer.</summary>
    private static readonly Dictionary<string, string[]> MlNetNames = new(StringComparer.Ordinal)
    {
        ["numberoftrees"] = ["num_trees", "num_iterations"],
        ["numberofiterations"] = ["num_iterations", "num_trees"],
        ["numberofleaves"] = ["num_leaves"],
        ["minimumexamplecountperleaf"] = ["min_data_in_leaf"],
        ["learningrate"] = ["learning_rate"],
        ["featurefraction"] = ["feature_fraction"],
        ["l1regularization"] = ["l1"],
        ["l2regularization"] = ["l2"],
        ["maximumnumberofiterations"] = ["max_iterations"],
    };

    /// <summary>The hyperparameter <paramref name="name"/> stands for; InvalidInput listing the trainer's names otherwise.</summary>
    public static HyperparameterInfo Find(TrainerInfo trainer, string name)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(name);
        var key = Normalize(name);
        var direct = trainer.Hyperparameters.FirstOrDefault(h => Normalize(h.Name) == key || h.Aliases.Any(a => Normalize(a) == key));
        if (direct is not null)
        {
            return direct;
        }

        if (MlNetNames.TryGetValue(key, out var candidates)
            && candidates.Select(c => trainer.Hyperparameters.FirstOrDefault(h => h.Name == c)).FirstOrDefault(h => h is not null) is { } viaMlNet)
        {
            return viaMlNet;
        }

        throw GyreException.InvalidInput(
            $"trainer '{trainer.Name}' has no hyperparameter '{name}'; valid names are: {string.Join(", ", trainer.Hyperparameters.Select(Describe))}.");
    }

    private static string Describe(HyperparameterInfo hp) =>
        hp.Aliases.Count == 0 ? hp.Name : $"{hp.Name} (or {string.Join(", ", hp.Aliases)})";

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
}
