using System.Globalization;
using Gyre.Serving.Telemetry;
using Gyre.Training.Packaging;
using Gyre.Training.Scoring;
using Gyre.Training.Specs;

namespace Gyre.Serving.Models;

/// <summary>
/// One verified, warmed model version as an endpoint serves it (in one <see cref="Variant"/>): its package, its row
/// scorer, prepared fields and cached metric children. Immutable after construction; thread-safe (scoring runs on
/// many threads at once). A package served without the registry has <see cref="Version"/> null and
/// <see cref="VersionText"/> <c>"1"</c>.
/// </summary>
public sealed class ServedModel
{
    public ServedModel(string endpoint, string variant, string modelName, int? version, string reference, ModelPackage package, DateTimeOffset loadedAt, ServingMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(package);
        Endpoint = endpoint;
        Variant = variant;
        ModelName = modelName;
        Version = version;
        VersionText = (version ?? 1).ToString(CultureInfo.InvariantCulture);
        Reference = reference;
        Package = package;
        LoadedAt = loadedAt;
        Scorer = RowScorer.For(package);
        Fields = new FeatureFields(Scorer.Signature);
        Metrics = new ModelRequestMetrics(metrics, endpoint, modelName, VersionText);
    }

    public string Endpoint { get; }

    /// <summary>primary, canary or shadow (see <see cref="Monitoring.InferenceLog.InferenceVariants"/>).</summary>
    public string Variant { get; }

    public string ModelName { get; }

    public int? Version { get; }

    /// <summary>The version as the protocols print it.</summary>
    public string VersionText { get; }

    /// <summary>How it was asked for: <c>fraud@champion</c>, <c>fraud/3</c> or a package path.</summary>
    public string Reference { get; }

    public ModelPackage Package { get; }

    public RowScorer Scorer { get; }

    public FeatureFields Fields { get; }

    public TaskKind Task => Package.Manifest.Task;

    /// <summary>Class names in model order (binary: [negative, positive]); empty for regression.</summary>
    public IReadOnlyList<string> ClassNames => Package.Manifest.ClassNames;

    public DateTimeOffset LoadedAt { get; }

    public ModelRequestMetrics Metrics { get; }

    /// <summary>The micro-batcher single rows go through, or null when batching is off for the endpoint.</summary>
    public Traffic.MicroBatcher? Batcher { get; private set; }

    /// <summary>Turns micro-batching on; only before the model is published (publishing is the memory barrier readers rely on).</summary>
    public ServedModel WithBatcher(int maxBatchSize, TimeSpan maxWait, Prometheus.Histogram.Child batchSizes)
    {
        Batcher = new Traffic.MicroBatcher(Scorer, maxBatchSize, maxWait, batchSizes);
        return this;
    }
}
