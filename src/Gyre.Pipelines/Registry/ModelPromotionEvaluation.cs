using Gyre.Data.Loading;
using Gyre.Data.Reading;
using Gyre.Data.Schema;
using Gyre.Data.Tables;
using Gyre.Registry.Promotion;
using Gyre.Training.Evaluation;
using Gyre.Training.Packaging;

namespace Gyre.Pipelines.Registry;

/// <summary>
/// Paired evaluation of two verified versions on one labeled file: both score the same rows
/// (<see cref="PackageEvaluator"/>), the primary metric's improvement gets a paired bootstrap interval
/// (<see cref="PairedBootstrap"/>), and, when the policy bounds latency, both are timed on single rows of the
/// file (<see cref="ScoringLatencyBenchmark"/>). Thread-safe; the CPU-bound work runs on the thread pool.
/// </summary>
public static class ModelPromotionEvaluation
{
    /// <summary>Gathers the evidence for <paramref name="policy"/> on <paramref name="options"/>' evaluation file.</summary>
    /// <exception cref="Gyre.Core.GyreException">
    /// NotFound/InvalidInput when the file cannot be read; InvalidInput naming the file and line when a row breaks
    /// either version's signature or has a missing or unknown label.
    /// </exception>
    public static async Task<ModelPromotionEvidence> PairedAsync(
        LoadedModelVersion champion, LoadedModelVersion challenger, PromotionPolicy policy, ModelPromotionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(challenger);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(options);
        var path = options.EvaluationDataPath ?? throw new ArgumentException("No evaluation data path.", nameof(options));
        var progress = options.Progress;
        progress?.Report(new ModelPromotionProgress($"loading {Path.GetFileName(path)}", 0));
        var data = await LoadAsync(path, [champion.Package, challenger.Package], cancellationToken).ConfigureAwait(false);

        progress?.Report(new ModelPromotionProgress($"scoring the champion (version {champion.Version.Version}) on {data.RowCount} rows", 0.1));
        var championEvaluation = await Task.Run(() => PackageEvaluator.Evaluate(champion.Package, data, cancellationToken), cancellationToken).ConfigureAwait(false);
        progress?.Report(new ModelPromotionProgress($"scoring the challenger (version {challenger.Version.Version}) on {data.RowCount} rows", 0.25));
        var challengerEvaluation = await Task.Run(() => PackageEvaluator.Evaluate(challenger.Package, data, cancellationToken), cancellationToken).ConfigureAwait(false);

        ImprovementInterval? interval = null;
        var metric = policy.PrimaryMetric;
        if (championEvaluation.Metrics.ContainsKey(metric) && challengerEvaluation.Metrics.ContainsKey(metric))
        {
            progress?.Report(new ModelPromotionProgress($"paired bootstrap of {metric} ({options.BootstrapReplicates} resamples)", 0.4));
            var bootstrap = await Task.Run(
                () => PairedBootstrap.Improvement(championEvaluation, challengerEvaluation, metric, MetricDirections.Improvement(metric, 0, 1) > 0,
                    options.BootstrapReplicates, options.BootstrapSeed, cancellationToken: cancellationToken),
                cancellationToken).ConfigureAwait(false);
            interval = new ImprovementInterval(metric, bootstrap.Lower, bootstrap.Upper, bootstrap.Confidence, bootstrap.Replicates, bootstrap.Seed);
        }

        ScoringLatency? championLatency = null, challengerLatency = null;
        if (policy.MaxLatencyMsP95 is not null)
        {
            progress?.Report(new ModelPromotionProgress("timing the champion's single-row scoring", 0.6));
            championLatency = await Task.Run(() => Benchmark(champion, data, options, cancellationToken), cancellationToken).ConfigureAwait(false);
            progress?.Report(new ModelPromotionProgress("timing the challenger's single-row scoring", 0.8));
            challengerLatency = await Task.Run(() => Benchmark(challenger, data, options, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        progress?.Report(new ModelPromotionProgress("done", 1));
        return new ModelPromotionEvidence(
            "eval:" + path, data.RowCount, championEvaluation.Metrics, challengerEvaluation.Metrics, interval, championLatency, challengerLatency);
    }

    /// <summary>
    /// Scores one package on the labeled file at <paramref name="path"/> and computes its task's metrics, loading and
    /// scoring the rows exactly as <see cref="PairedAsync"/> does for each version (the pipeline <c>evaluate</c> step).
    /// <paramref name="labelColumn"/>: the file's ground-truth column when it is not named as the model's label.
    /// </summary>
    /// <exception cref="Gyre.Core.GyreException">
    /// NotFound/InvalidInput when the file cannot be read or lacks <paramref name="labelColumn"/>; InvalidInput naming the
    /// file and line when a row breaks the model's signature or has a missing or unknown label.
    /// </exception>
    public static async Task<PackageEvaluation> EvaluateAsync(ModelPackage package, string path, string? labelColumn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var data = await LoadAsync(path, [package], cancellationToken).ConfigureAwait(false);
        if (labelColumn is not null && labelColumn != package.Manifest.Label)
        {
            data = EvaluationLabel.Rename(data, labelColumn, package.Manifest.Label);
        }

        return await Task.Run(() => PackageEvaluator.Evaluate(package, data, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static ScoringLatency Benchmark(LoadedModelVersion version, DataTable data, ModelPromotionOptions options, CancellationToken cancellationToken) =>
        ScoringLatencyBenchmark.Measure(version.Package, data, options.LatencyWarmupCalls, options.LatencyTimedCalls, cancellationToken: cancellationToken);

    /// <summary>
    /// Loads the file as the whole-table scorer expects (<see cref="Gyre.Training.Scoring.ModelPredictor.Score"/>): the
    /// columns either version takes as input are read as text and converted by the signature check, so every bad value is reported by line; the label is
    /// inferred as in training.
    /// </summary>
    private static async Task<DataTable> LoadAsync(string path, IReadOnlyList<ModelPackage> packages, CancellationToken cancellationToken)
    {
        var labels = packages.Select(p => p.Manifest.Label).ToHashSet(StringComparer.Ordinal);
        var inputs = packages.SelectMany(p => p.Manifest.Inputs)
            .Select(c => c.Name).Where(name => !labels.Contains(name)).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<string> fileColumns;
        await using (var reader = await DataFile.OpenAsync(path, null, cancellationToken).ConfigureAwait(false))
        {
            fileColumns = reader.ColumnNames;
        }

        var overrides = fileColumns.Where(inputs.Contains).ToDictionary(c => c, _ => ColumnType.Text, StringComparer.Ordinal);
        return await TableLoader.LoadAsync(path, new TableLoadOptions { Inference = new SchemaInferenceOptions { Overrides = overrides } }, cancellationToken)
            .ConfigureAwait(false);
    }
}
