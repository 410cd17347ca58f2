using System.Diagnostics;
using Gyre.Serving.Endpoints;
using Gyre.Serving.Models;
using Gyre.Serving.Telemetry;

namespace Gyre.Serving.Hosting;

/// <summary>
/// Turns a locator into a published-ready <see cref="ServedModel"/>: load and verify the package, prepare its
/// scorer, warm it; records the load time and keeps <c>gyre_model_loaded</c> current. Thread-safe.
/// </summary>
public sealed class ServedModelFactory(ModelSource source, ServingMetrics metrics, TimeProvider time)
{
    public ModelSource Source { get; } = source;

    /// <summary>Loads what <paramref name="locator"/> names (exactly <paramref name="version"/> for a registry reference, when given) for a variant of <paramref name="endpoint"/>.</summary>
    /// <exception cref="Core.GyreException">As <see cref="ModelSource.LoadAsync"/>, or Corrupt when the warm-up scoring fails.</exception>
    public async Task<ServedModel> LoadAsync(EndpointSpec endpoint, string variant, ModelLocator locator, int? version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(locator);
        var start = Stopwatch.GetTimestamp();
        var loaded = await Source.LoadAsync(locator, version, cancellationToken);
        var model = new ServedModel(endpoint.Name, variant, loaded.ModelName ?? endpoint.Name, loaded.Version, locator.ToString(), loaded.Package, time.GetUtcNow(), metrics);
        if (endpoint.MaxBatchSize > 1 && variant != Monitoring.InferenceLog.InferenceVariants.Shadow)
        {
            model = model.WithBatcher(endpoint.MaxBatchSize, endpoint.MaxBatchWait, metrics.BatchSize.WithLabels(endpoint.Name, model.VersionText));
        }

        await Task.Run(
            () =>
            {
                ModelWarmup.Warm(model);
                ProtocolWarmup.Warm(model);
            },
            cancellationToken);
        metrics.LoadDuration.WithLabels(endpoint.Name, model.ModelName, model.VersionText, variant).Observe(Stopwatch.GetElapsedTime(start).TotalSeconds);
        return model;
    }

    /// <summary>Updates <c>gyre_model_loaded</c> after <paramref name="current"/> replaced <paramref name="previous"/> (either may be null).</summary>
    public void Published(EndpointRoute? previous, EndpointRoute current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var now = current.Models().ToHashSet();
        if (previous is not null)
        {
            foreach (var old in previous.Models().Where(m => !now.Contains(m)))
            {
                metrics.Loaded.RemoveLabelled(old.Endpoint, old.ModelName, old.VersionText, old.Variant);
            }
        }

        foreach (var model in now)
        {
            metrics.Loaded.WithLabels(model.Endpoint, model.ModelName, model.VersionText, model.Variant).Set(1);
        }
    }

    /// <summary>Loads every model of <paramref name="spec"/> (concurrently) into a route.</summary>
    public async Task<EndpointRoute> LoadRouteAsync(EndpointSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var primary = LoadAsync(spec, Monitoring.InferenceLog.InferenceVariants.Primary, spec.Primary, null, cancellationToken);
        var canary = spec.Canary is { } c ? LoadAsync(spec, Monitoring.InferenceLog.InferenceVariants.Canary, c, null, cancellationToken) : Task.FromResult<ServedModel?>(null)!;
        var shadow = spec.Shadow is { } s ? LoadAsync(spec, Monitoring.InferenceLog.InferenceVariants.Shadow, s, null, cancellationToken) : Task.FromResult<ServedModel?>(null)!;
        await Task.WhenAll(primary, canary, shadow);
        return new EndpointRoute(await primary, await canary, spec.CanaryWeight, await shadow);
    }
}
