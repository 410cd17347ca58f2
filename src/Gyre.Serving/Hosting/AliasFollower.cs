using Gyre.Monitoring.InferenceLog;
using Gyre.Serving.Endpoints;
using Gyre.Serving.Models;
using Gyre.Serving.Telemetry;

namespace Gyre.Serving.Hosting;

/// <summary>
/// Follows the aliases endpoints are served by: every poll interval it resolves each alias; when one points at a
/// new version, that version is loaded, verified and warmed in the background and then published in a new route
/// snapshot (requests in flight finish on the snapshot they took). A version that fails to load is reported and
/// counted once, the old version keeps serving, and it is not retried until the alias moves again. One loop; the
/// only writer of routes after start.
/// </summary>
public sealed class AliasFollower : IAsyncDisposable
{
    private readonly IReadOnlyList<ModelEndpoint> _endpoints;
    private readonly ServedModelFactory _factory;
    private readonly ServingMetrics _metrics;
    private readonly TextWriter _log;
    private readonly Dictionary<(string Endpoint, string Variant), int> _failed = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public AliasFollower(IReadOnlyList<ModelEndpoint> endpoints, ServedModelFactory factory, ServingMetrics metrics, TimeSpan interval, TimeProvider time, TextWriter log)
    {
        _endpoints = endpoints;
        _factory = factory;
        _metrics = metrics;
        _log = log;
        _loop = endpoints.Any(e => Variants(e.Spec).Any(v => v.Locator.FollowsAlias))
            ? Task.Run(() => RunAsync(interval, time, _stop.Token))
            : Task.CompletedTask;
    }

    /// <summary>Checks every alias once now (the loop does this each interval).</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        foreach (var endpoint in _endpoints)
        {
            var route = endpoint.Route;
            if (route is null)
            {
                continue;
            }

            var updated = route;
            foreach (var (variant, locator) in Variants(endpoint.Spec))
            {
                if (!locator.FollowsAlias)
                {
                    continue;
                }

                var current = variant switch
                {
                    InferenceVariants.Primary => updated.Primary,
                    InferenceVariants.Canary => updated.Canary,
                    _ => updated.Shadow,
                };
                var replacement = await TryLoadNewAsync(endpoint, variant, locator, current, cancellationToken);
                if (replacement is not null)
                {
                    updated = variant switch
                    {
                        InferenceVariants.Primary => updated with { Primary = replacement },
                        InferenceVariants.Canary => updated with { Canary = replacement },
                        _ => updated with { Shadow = replacement },
                    };
                }
            }

            if (!ReferenceEquals(updated, route))
            {
                var previous = endpoint.Publish(updated);
                _factory.Published(previous, updated);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private static IEnumerable<(string Variant, ModelLocator Locator)> Variants(EndpointSpec spec)
    {
        yield return (InferenceVariants.Primary, spec.Primary);
        if (spec.Canary is { } canary)
        {
            yield return (InferenceVariants.Canary, canary);
        }

        if (spec.Shadow is { } shadow)
        {
            yield return (InferenceVariants.Shadow, shadow);
        }
    }

    private async Task RunAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await PollAsync(cancellationToken);
        }
    }

    private async Task<ServedModel?> TryLoadNewAsync(ModelEndpoint endpoint, string variant, ModelLocator locator, ServedModel? current, CancellationToken cancellationToken)
    {
        var key = (endpoint.Name, variant);
        int version;
        try
        {
            version = await _factory.Source.ResolveVersionAsync(locator.Reference!, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure to resolve keeps the current version serving; it is reported once per distinct failure.
        catch (Exception error)
#pragma warning restore CA1031
        {
            if (_failed.TryAdd(key, -1))
            {
                await _log.WriteLineAsync($"gyre serve: cannot resolve {locator} for endpoint '{endpoint.Name}' ({variant}); still serving version {current?.VersionText}: {error.Message}");
            }

            return null;
        }

        if (current?.Version == version || (_failed.TryGetValue(key, out var failed) && failed == version))
        {
            return null;
        }

        try
        {
            var model = await _factory.LoadAsync(endpoint.Spec, variant, locator, version, cancellationToken);
            _failed.Remove(key);
            _metrics.Swaps.WithLabels(endpoint.Name, variant).Inc();
            await _log.WriteLineAsync($"gyre serve: endpoint '{endpoint.Name}' ({variant}) now serves {locator} = version {model.VersionText} (was {current?.VersionText}).");
            return model;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A version that fails to load must never take the endpoint down: the old one keeps serving.
        catch (Exception error)
#pragma warning restore CA1031
        {
            _failed[key] = version;
            _metrics.LoadFailures.WithLabels(endpoint.Name, variant).Inc();
            await _log.WriteLineAsync($"gyre serve: version {version} of {locator} for endpoint '{endpoint.Name}' ({variant}) failed to load; still serving version {current?.VersionText}: {error.Message}");
            return null;
        }
    }
}
