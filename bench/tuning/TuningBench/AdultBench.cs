using System.Diagnostics;
using System.Globalization;
using Gyre.Data.Loading;
using Gyre.Data.Splits;
using Gyre.Data.Tables;
using Gyre.Training.Specs;
using Gyre.Training.Validation;
using Gyre.Tuning;
using Gyre.Tuning.Pruners;

namespace Gyre.Bench.Tuning;

/// <summary>
/// LightGBM on adult (label <c>income</c>, positive class <c>&gt;50K</c>): a stratified test split (20%, seed 42) is
/// held out first. Tuning runs <c>trials</c> trials of the given sampler on the other 80%, each trial scored by
/// ROC AUC on a stratified inner holdout (25% of those rows, seed 42) through <see cref="ModelTrainer.Train(DataTable, TrainingSpec, IProgress{TrainingProgress}?, CancellationToken)"/>.
/// Then the best hyperparameters and the trainer's defaults are each fitted on the whole 80% and scored on the
/// test split; the gain is tuned − default test AUC, with a paired bootstrap 95% interval (<see cref="GainInterval"/>).
/// </summary>
internal static class AdultBench
{
    private const string Label = "income";
    private const string Positive = ">50K";
    private const int Seed = 42;

    public static async Task<object> RunAsync(string path, string sampler, int trials, int seed)
    {
        var data = await TableLoader.LoadAsync(path).ConfigureAwait(false);
        var labels = data[Label];
        var codes = Enumerable.Range(0, data.RowCount).Select(r => labels.FormatValue(r) == Positive ? 1 : 0).ToArray();
        var split = StratifiedSplits.Holdout(codes, 0.2, Seed);
        var train = data.Take(split.Train);
        var test = data.Take(split.Test);

        var study = await Study.CreateAsync("adult-lightgbm", StudyDirection.Maximize, BenchSamplers.Create(sampler, (ulong)seed),
            new NopPruner(), new InMemoryStudyStorage()).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        study.Optimize(trial => InnerAuc(train, Suggest(trial)), trials);
        var tuningSeconds = clock.Elapsed.TotalSeconds;
        var best = study.BestTrial;
        var bestHyperparameters = Suggested(best.Params);

        var defaultOutcome = ModelTrainer.Train(train, test, Spec(new Dictionary<string, string>(), folds: 0));
        var tunedOutcome = ModelTrainer.Train(train, test, Spec(bestHyperparameters, folds: 0));
        var defaultAuc = defaultOutcome.Evaluation!.Binary!.RocAuc;
        var tunedAuc = tunedOutcome.Evaluation!.Binary!.RocAuc;
        var (gainLower, gainUpper) = GainInterval.Compute(defaultOutcome.Evaluation, tunedOutcome.Evaluation, Positive);
        return new
        {
            kind = "adult",
            sampler,
            seed,
            trials,
            rows = data.RowCount,
            train_rows = train.RowCount,
            test_rows = test.RowCount,
            tuning_s = Math.Round(tuningSeconds, 1),
            best_inner_auc = best.Value,
            best_trial = best.Number,
            best_hyperparameters = bestHyperparameters,
            default_hyperparameters = defaultOutcome.Trainer.EffectiveHyperparameters,
            tuned_effective_hyperparameters = tunedOutcome.Trainer.EffectiveHyperparameters,
            default_test_auc = defaultAuc,
            tuned_test_auc = tunedAuc,
            gain_auc = tunedAuc - defaultAuc,
            gain_auc_ci95 = new[] { gainLower, gainUpper },
        };
    }

    /// <summary>The search space: the lightgbm trainer's option names (src/Gyre.Training/Trainers/TrainerCatalog.cs).</summary>
    private static Dictionary<string, string> Suggest(Trial trial)
    {
        trial.SuggestInt("num_leaves", 4, 256, log: true);
        trial.SuggestFloat("learning_rate", 0.01, 0.3, log: true);
        trial.SuggestInt("num_iterations", 50, 500, log: true);
        trial.SuggestInt("min_data_in_leaf", 5, 200, log: true);
        trial.SuggestFloat("feature_fraction", 0.3, 1.0);
        trial.SuggestFloat("l2", 1e-3, 100, log: true);
        return Suggested(trial.Params);
    }

    private static Dictionary<string, string> Suggested(IReadOnlyDictionary<string, object?> parameters) =>
        parameters.ToDictionary(p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture)!, StringComparer.Ordinal);

    private static double InnerAuc(DataTable train, Dictionary<string, string> hyperparameters)
    {
        var spec = Spec(hyperparameters, folds: 0) with { Validation = new ValidationSpec { HoldoutFraction = 0.25, Folds = 0 } };
        return ModelTrainer.Train(train, spec).Evaluation!.Binary!.RocAuc;
    }

    private static TrainingSpec Spec(IReadOnlyDictionary<string, string> hyperparameters, int folds) => new()
    {
        Label = Label,
        Task = TaskKind.Binary,
        Trainer = "lightgbm",
        PositiveClass = Positive,
        Hyperparameters = hyperparameters,
        Seed = Seed,
        Validation = new ValidationSpec { HoldoutFraction = 0, Folds = folds },
    };
}
