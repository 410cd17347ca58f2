using System.Net;
using Gyre.Core;
using Gyre.Hosting;
using Gyre.Serving.Endpoints;
using Gyre.Serving.Models;
using Gyre.Serving.Protocols;
using Gyre.Serving.Telemetry;
using Gyre.Serving.Traffic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Gyre.Serving.Hosting;

/// <summary>
/// A running model server on Kestrel: <c>/predict/{name}</c>, the Open Inference Protocol v2 REST routes, MLflow's
/// <c>/invocations</c>, feedback, <c>/metrics</c>, <c>/openapi.json</c> and <c>/docs</c>. Liveness answers as soon as
/// the listener is up; readiness only once every endpoint's models are loaded, verified and warmed. Aliases are
/// followed in the background (<see cref="AliasFollower"/>). A live handle: <see cref="StopAsync"/> turns readiness
/// off, stops accepting connections and lets running requests finish; <see cref="DisposeAsync"/> stops and releases
/// everything. Thread-safe.
/// </summary>
public sealed class ModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServingState _state;
    private readonly ModelServerOptions _options;
    private readonly ShadowScorer? _shadow;
    private AliasFollower? _follower;
    private int _stopped;

    private ModelServer(WebApplication app, ServingState state, ServingMetrics metrics, ModelServerOptions options, ShadowScorer? shadow, Uri address)
    {
        _app = app;
        _state = state;
        Metrics = metrics;
        _options = options;
        _shadow = shadow;
        Address = address;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:8080/</c> (with the actual port when 0 was asked).</summary>
    public Uri Address { get; }

    public ServingMetrics Metrics { get; }

    public IReadOnlyList<ModelEndpoint> Endpoints => _state.Ordered;

    public bool IsReady => _state.IsReady;

    /// <summary>The registered version <paramref name="endpoint"/>'s primary route serves now (null for an unknown endpoint, or a package served without the registry).</summary>
    public int? ServedVersion(string endpoint) => Endpoints.FirstOrDefault(e => e.Name == endpoint)?.Route?.Primary.Version;

    /// <summary>The alias follower (null before the models are loaded).</summary>
    public AliasFollower? Follower => _follower;

    /// <summary>
    /// Starts listening, loads every endpoint's models (readiness stays 503 meanwhile), then turns readiness on and
    /// starts following aliases. InvalidInput naming the option at fault; a model's load error (NotFound, Corrupt…)
    /// stops the server and is rethrown.
    /// </summary>
    public static async Task<ModelServer> StartAsync(ModelServerOptions options, ModelSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);
        options.Validate();
        var endpoint = await ListenEndpoint.ResolveAsync(options.Host, options.Port, cancellationToken);
        var metrics = new ServingMetrics();
        var state = new ServingState([.. options.Endpoints.Select(spec => new ModelEndpoint(spec))]);
        var shadow = options.Endpoints.Any(e => e.Shadow is not null)
            ? new ShadowScorer(options.ShadowQueueCapacity, metrics, options.InferenceLog, options.Log)
            : null;
        if (options.InferenceLog is { } log)
        {
            metrics.Registry.AddBeforeCollectCallback(() =>
            {
                metrics.LogQueueDepth.Set(log.QueueDepth);
                metrics.LogDropped.Set(log.Dropped);
            });
        }

        var app = Build(options, endpoint, state, metrics, shadow);
        ModelServer? server = null;
        try
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e)
            {
                throw GyreException.InvalidInput($"Cannot listen on {options.Host}:{options.Port} (--host/--port): {e.Message}");
            }

            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new GyreException(ErrorKind.Internal, "The server started without a listening address.");
            server = new ModelServer(app, state, metrics, options, shadow, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
            await server.LoadAsync(source, cancellationToken);
            return server;
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
            else
            {
                await app.DisposeAsync();
                if (shadow is not null)
                {
                    await shadow.DisposeAsync();
                }
            }

            throw;
        }
    }

    /// <summary>
    /// Graceful stop: readiness answers 503, then (after the drain delay) the listener stops and running requests
    /// finish until <paramref name="cancellationToken"/> fires (then they are aborted).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _state.SetReady(false);
        if (_follower is not null)
        {
            await _follower.DisposeAsync();
        }

        if (_options.DrainDelay > TimeSpan.Zero)
        {
            await Task.Delay(_options.DrainDelay, _options.TimeProvider, CancellationToken.None);
        }

        await _app.StopAsync(cancellationToken);
        if (_shadow is not null)
        {
            await _shadow.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await StopAsync(timeout.Token);
        }

        await _app.DisposeAsync();
    }

    private async Task LoadAsync(ModelSource source, CancellationToken cancellationToken)
    {
        var factory = new ServedModelFactory(source, Metrics, _options.TimeProvider);
        var routes = await Task.WhenAll(_state.Ordered.Select(e => factory.LoadRouteAsync(e.Spec, cancellationToken)));
        for (var i = 0; i < routes.Length; i++)
        {
            var previous = _state.Ordered[i].Publish(routes[i]);
            factory.Published(previous, routes[i]);
        }

        _state.SetReady(true);
        _follower = new AliasFollower(_state.Ordered, factory, Metrics, _options.PollInterval, _options.TimeProvider, _options.Log);
    }

    private static WebApplication Build(ModelServerOptions options, IPEndPoint endpoint, ServingState state, ServingMetrics metrics, ShadowScorer? shadow)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // Enforced by RequestBody, so the answer is a JSON 413.
            kestrel.Listen(endpoint);
        });
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        var app = builder.Build();
        if (options.Auth is { } auth)
        {
            app.UseMiddleware<Security.TokenAuthentication>(auth, options.TimeProvider);
        }

        app.UseRouting();

        var inference = new InferenceHandler(state, metrics, options.MaxRequestBytes, shadow, options.InferenceLog, options.Log);
        var metadata = new MetadataApi(state);
        var feedback = new FeedbackApi(state, options.FeedbackStore, options.MaxRequestBytes, options.TimeProvider);
        app.MapPost("/predict/{name}", context => inference.HandleAsync(context, ServingProtocol.Predict, Name(context), null));
        app.MapPost("/v2/models/{name}/infer", context => inference.HandleAsync(context, ServingProtocol.OpenInference, Name(context), null));
        app.MapPost("/v2/models/{name}/versions/{version}/infer", context =>
            inference.HandleAsync(context, ServingProtocol.OpenInference, Name(context), context.Request.RouteValues["version"] as string));
        app.MapPost("/invocations", context => inference.HandleAsync(context, ServingProtocol.Invocations, null, null));
        app.MapPost("/invocations/{name}", context => inference.HandleAsync(context, ServingProtocol.Invocations, Name(context), null));
        app.MapGet(Deploy.ServingContainer.LivePath, MetadataApi.LiveAsync);
        app.MapGet(Deploy.ServingContainer.ReadyPath, metadata.ReadyAsync);
        app.MapGet("/v2", MetadataApi.ServerMetadataAsync);
        app.MapGet("/v2/models", metadata.ListAsync);
        app.MapGet("/v2/models/{name}", metadata.ModelMetadataAsync);
        app.MapGet("/v2/models/{name}/versions/{version}", metadata.ModelMetadataAsync);
        app.MapGet("/v2/models/{name}/ready", metadata.ModelReadyAsync);
        app.MapGet("/v2/models/{name}/versions/{version}/ready", metadata.ModelReadyAsync);
        app.MapPost("/v2/models/{name}/feedback", feedback.PostAsync);
        app.MapMetrics(Deploy.ServingContainer.MetricsPath, metrics.Registry);
        app.MapGet("/openapi.json", context => ServingDocs.WriteOpenApiAsync(context, state));
        app.MapGet("/docs", context => ServingDocs.WritePageAsync(context, state));
        app.MapFallback(context => MetadataApi.SendErrorAsync(context, StatusCodes.Status404NotFound, $"No route {context.Request.Method} {context.Request.Path}; see /docs."));
        return app;
    }

    private static string? Name(HttpContext context) => context.Request.RouteValues["name"] as string;
}
