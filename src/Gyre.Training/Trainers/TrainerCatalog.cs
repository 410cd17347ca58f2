using System.Globalization;
using Gyre.Core;
using Gyre.Training.Specs;

namespace Gyre.Training.Trainers;

/// <summary>
/// The trainers Gyre offers, their hyperparameters and defaults. Names are case-insensitive. Thread-safe
/// (immutable).
/// </summary>
public static class TrainerCatalog
{
    /// <summary>The alias that picks the default linear model for the task.</summary>
    public const string Linear = "linear";

    private const string MaxDepth = "max_depth";

    private const string LeafWiseDepth =
        "Maximum tree depth (0: no limit). ML.NET grows these trees leaf by leaf with no depth option, so a depth d " +
        "becomes a budget of 2^d leaves: num_leaves = 2^d, or the smaller of the two when num_leaves is given too.";

    private static readonly TaskKind[] AllTasks = [TaskKind.Binary, TaskKind.Multiclass, TaskKind.Regression];

    private static readonly TrainerInfo[] Trainers =
    [
        new("lightgbm", "LightGBM gradient-boosted trees.", AllTasks,
        [
            Int("num_leaves", 31, 2, 131072, "Maximum leaves per tree."),
            Real("learning_rate", 0.1, 1e-6, 1, "Shrinkage per boosting iteration."),
            Int("num_iterations", 100, 1, 100000, "Boosting iterations (trees per class).", "n_estimators"),
            Int("min_data_in_leaf", 20, 1, 1000000, "Minimum training rows per leaf."),
            Real("feature_fraction", 1, 1e-6, 1, "Fraction of features sampled per tree."),
            Real("l2", 0, 0, 1e6, "L2 regularization of leaf values."),
            Int(MaxDepth, 0, 0, 64, "Maximum tree depth (0: no limit)."),
        ]),
        new("fasttree", "ML.NET FastTree (MART gradient-boosted trees); multiclass is one-versus-all.", AllTasks,
        [
            Int("num_leaves", 20, 2, 131072, "Maximum leaves per tree."),
            Real("learning_rate", 0.2, 1e-6, 1, "Shrinkage per boosting iteration."),
            Int("num_iterations", 100, 1, 100000, "Boosting iterations (trees).", "n_estimators", "num_trees"),
            Int("min_data_in_leaf", 10, 1, 1000000, "Minimum training rows per leaf."),
            Real("feature_fraction", 1, 1e-6, 1, "Fraction of features sampled per tree."),
            Int(MaxDepth, 0, 0, 64, LeafWiseDepth),
        ]),
        new("fastforest", "ML.NET FastForest (random forest); binary scores are Platt-calibrated; multiclass is one-versus-all.", AllTasks,
        [
            Int("num_trees", 100, 1, 100000, "Trees in the forest.", "n_estimators", "num_iterations"),
            Int("num_leaves", 20, 2, 131072, "Maximum leaves per tree."),
            Int("min_data_in_leaf", 10, 1, 1000000, "Minimum training rows per leaf."),
            Real("feature_fraction", 0.7, 1e-6, 1, "Fraction of features sampled per tree."),
            Int(MaxDepth, 0, 0, 64, LeafWiseDepth),
        ]),
        new("sdca", "Linear model by stochastic dual coordinate ascent: logistic regression (binary), maximum entropy (multiclass), least squares (regression).", AllTasks,
        [
            Real("l1", 0, 0, 1e6, "L1 regularization."),
            Real("l2", 0.001, 0, 1e6, "L2 regularization."),
            Int("max_iterations", 100, 1, 100000, "Maximum passes over the data."),
        ]),
        new("lbfgs", "Linear model by L-BFGS: logistic regression (binary), maximum entropy (multiclass). Not available for regression.", [TaskKind.Binary, TaskKind.Multiclass],
        [
            Real("l1", 0, 0, 1e6, "L1 regularization."),
            Real("l2", 1, 0, 1e6, "L2 regularization."),
            Int("max_iterations", 1000, 1, 1000000, "Maximum optimizer iterations."),
        ]),
    ];

    /// <summary>Every accepted trainer name, including the alias <see cref="Linear"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Trainers.Select(t => t.Name), Linear];

    /// <summary>The entry of a concrete trainer (not the alias); throws InvalidInput listing valid names.</summary>
    public static TrainerInfo Get(string name) =>
        Trainers.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw GyreException.InvalidInput($"Unknown trainer '{name}'; valid trainers are: {string.Join(", ", Names)}.");

    /// <summary>The concrete trainer a name stands for on a task ("linear" → lbfgs for classification, sdca for regression).</summary>
    /// <exception cref="GyreException">InvalidInput: unknown name, or the trainer does not support the task.</exception>
    public static TrainerInfo For(string name, TaskKind task)
    {
        ArgumentNullException.ThrowIfNull(name);
        var concrete = string.Equals(name, Linear, StringComparison.OrdinalIgnoreCase)
            ? (task == TaskKind.Regression ? "sdca" : "lbfgs")
            : name;
        var info = Get(concrete);
        if (!info.Tasks.Contains(task))
        {
            var others = Trainers.Where(t => t.Tasks.Contains(task)).Select(t => t.Name);
            throw GyreException.InvalidInput(
                $"Trainer '{info.Name}' does not support {task.ToString().ToLowerInvariant()} tasks; use one of: {string.Join(", ", others)}, {Linear}.");
        }

        return info;
    }

    /// <summary>
    /// Validates hyperparameters (canonical names or aliases) against the trainer and fills in defaults.
    /// </summary>
    /// <exception cref="GyreException">InvalidInput naming the hyperparameter and listing the valid ones, or giving the accepted range.</exception>
    public static ResolvedTrainer Resolve(string name, TaskKind task, IReadOnlyDictionary<string, string> hyperparameters)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        var info = For(name, task);
        var effective = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var hp in info.Hyperparameters)
        {
            effective[hp.Name] = hp.Default;
        }

        foreach (var (key, value) in hyperparameters)
        {
            var hp = FindHyperparameter(info, key);
            effective[hp.Name] = CanonicalValue(info, hp, value);
        }

        ApplyDepthAsLeafBudget(info, hyperparameters, effective);
        return new ResolvedTrainer(info.Name, task, effective);
    }

    /// <summary>The hyperparameter a name or alias stands for; throws InvalidInput listing the valid names.</summary>
    public static HyperparameterInfo FindHyperparameter(TrainerInfo trainer, string key)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        return trainer.Hyperparameters.FirstOrDefault(h => h.Name == key || h.Aliases.Contains(key))
            ?? throw GyreException.InvalidInput(
                $"Unknown hyperparameter '{key}' for trainer '{trainer.Name}'; valid ones are: {string.Join(", ", trainer.Hyperparameters.Select(Describe))}.");
    }

    /// <summary>The value in canonical invariant form; throws InvalidInput when it is not a number of the right kind or out of range.</summary>
    public static string CanonicalValue(TrainerInfo trainer, HyperparameterInfo hyperparameter, string value)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(hyperparameter);
        var expected = hyperparameter.Type == HyperparameterType.WholeNumber ? "an integer" : "a number";
        double number;
        bool ok;
        if (hyperparameter.Type == HyperparameterType.WholeNumber)
        {
            ok = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i);
            number = i;
        }
        else
        {
            ok = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
        }

        if (!ok || number < hyperparameter.Minimum || number > hyperparameter.Maximum)
        {
            throw GyreException.InvalidInput(
                $"Hyperparameter '{hyperparameter.Name}' of trainer '{trainer.Name}' must be {expected} in " +
                $"[{hyperparameter.Minimum.ToString(CultureInfo.InvariantCulture)}, {hyperparameter.Maximum.ToString(CultureInfo.InvariantCulture)}]; got '{value}'.");
        }

        return number.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// FastTree and FastForest have no depth limit: a max_depth d &gt; 0 becomes num_leaves = 2^d (at most the
    /// catalog's maximum), or min(num_leaves, 2^d) when num_leaves was given, so the recorded params say
    /// what the trees were allowed. LightGBM takes max_depth itself.
    /// </summary>
    private static void ApplyDepthAsLeafBudget(TrainerInfo info, IReadOnlyDictionary<string, string> given, SortedDictionary<string, string> effective)
    {
        if (info.Name is not ("fasttree" or "fastforest")) return;
        var depth = int.Parse(effective[MaxDepth], CultureInfo.InvariantCulture);
        if (depth == 0) return;
        var leavesInfo = info.Hyperparameters.First(h => h.Name == "num_leaves");
        var budget = (int)Math.Min(Math.Pow(2, depth), leavesInfo.Maximum);
        var leavesGiven = given.Keys.Any(k => FindHyperparameter(info, k).Name == "num_leaves");
        var leaves = leavesGiven ? Math.Min(budget, int.Parse(effective["num_leaves"], CultureInfo.InvariantCulture)) : budget;
        effective["num_leaves"] = Math.Max(leaves, (int)leavesInfo.Minimum).ToString(CultureInfo.InvariantCulture);
    }

    private static string Describe(HyperparameterInfo hp) =>
        hp.Aliases.Count == 0 ? hp.Name : $"{hp.Name} (alias {string.Join(", ", hp.Aliases)})";

    private static HyperparameterInfo Int(string name, int defaultValue, double min, double max, string description, params string[] aliases) =>
        new(name, HyperparameterType.WholeNumber, defaultValue.ToString(CultureInfo.InvariantCulture), min, max, aliases, description);

    private static HyperparameterInfo Real(string name, double defaultValue, double min, double max, string description, params string[] aliases) =>
        new(name, HyperparameterType.RealNumber, defaultValue.ToString(CultureInfo.InvariantCulture), min, max, aliases, description);
}
