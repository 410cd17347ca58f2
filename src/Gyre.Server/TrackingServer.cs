using System.Net;
using Gyre.Core;
using Gyre.Hosting;
using Gyre.Server.Api;
using Gyre.Server.Http;
using Gyre.Server.Ui;
using Gyre.Registry;
using Gyre.Tracking;
using Gyre.Tracking.Access;
using Gyre.Tracking.Artifacts;
using Gyre.Tracking.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gyre.Server;

/// <summary>
/// A running MLflow-compatible tracking server (Kestrel): the MLflow REST API 2.0 tracking and model registry routes, the artifact
/// proxy, <c>/health</c> and <c>/version</c> (see <see cref="ApiRoutes"/>). Runs' artifact URIs are
/// <c>mlflow-artifacts:/EXPERIMENT/RUN/artifacts</c>, served from the artifacts destination. A live handle:
/// <see cref="StopAsync"/> stops accepting requests and lets running ones finish (within the given token), and
/// <see cref="DisposeAsync"/> stops and releases the stores. Thread-safe.
/// </summary>
public sealed class TrackingServer : IAsyncDisposable
{
    /// <summary>The artifact root the store derives new experiments' locations from: the proxy's scheme.</summary>
    public const string ProxiedArtifactRoot = "mlflow-artifacts:";

    private readonly WebApplication app;
    private readonly BackendStore backend;
    private readonly IArtifactRepository artifacts;
    private int disposed;

    private TrackingServer(WebApplication app, BackendStore backend, IArtifactRepository artifacts, Uri address)
    {
        this.app = app;
        this.backend = backend;
        this.artifacts = artifacts;
        Address = address;
    }

    /// <summary>The base URL clients use, e.g. <c>http://127.0.0.1:5000/</c> (with the actual port when 0 was asked).</summary>
    public Uri Address { get; }

    /// <summary>The tracking store the server answers from.</summary>
    public ITrackingStore Store => backend.Tracking;

    /// <summary>The backend's model registry.</summary>
    public IModelRegistryStore Registry => backend.Registry;

    /// <summary>The backend's API tokens (null when the backend keeps none).</summary>
    public IApiTokenStore? Tokens => backend.Tokens;

    /// <summary>The repository behind the artifact proxy.</summary>
    public IArtifactRepository Artifacts => artifacts;

    /// <summary>
    /// Validates <paramref name="options"/>, opens the stores and starts listening. InvalidInput naming the option at
    /// fault (also when <c>--auth</c> is asked of a backend without tokens, or the address cannot be bound).
    /// </summary>
    public static async Task<TrackingServer> StartAsync(TrackingServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var endpoint = await ListenEndpoint.ResolveAsync(options.Host, options.Port, cancellationToken);
        var artifacts = ArtifactDestinations.Open(options.ArtifactsDestination, options.EnvironmentVariable);
        BackendStore? backend = null;
        WebApplication? app = null;
        try
        {
            backend = await BackendStore.OpenAsync(options.BackendStoreUri, ProxiedArtifactRoot, options.TimeProvider, cancellationToken);
            if (options.Auth && backend.Tokens is null)
            {
                throw GyreException.InvalidInput("--auth needs a backend store that keeps API tokens; this one does not.");
            }

            app = Build(options, endpoint, backend, artifacts);
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
            return new TrackingServer(app, backend, artifacts, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (backend is not null)
            {
                await backend.DisposeAsync();
            }

            (artifacts as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>Stops accepting connections and waits for running requests until <paramref name="cancellationToken"/> fires (then aborts them).</summary>
    public Task StopAsync(CancellationToken cancellationToken) => app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        using (var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await app.StopAsync(stopTimeout.Token);
        }

        await app.DisposeAsync();
        await backend.DisposeAsync();
        (artifacts as IDisposable)?.Dispose();
    }

    private static WebApplication Build(TrackingServerOptions options, IPEndPoint endpoint, BackendStore backend, IArtifactRepository artifacts)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(endpoint);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.Services.AddSingleton(new TrackingServices(backend.Tracking, backend.Registry, artifacts, options.TimeProvider));
        builder.Services.AddSingleton(new UiSettings(options.AlertEventsPath));

        var app = builder.Build();
        app.UseMiddleware<ErrorHandling>(options.ErrorLog ?? TextWriter.Null);
        app.UseMiddleware<DotSegmentGuard>();
        app.UseRouting();
        if (options.Auth)
        {
            app.UseMiddleware<ApiTokenAuthentication>(new ApiTokenCache(backend.Tokens!, options.TokenCacheDuration, options.TimeProvider));
        }

        app.MapHealthApi();
        app.MapExperimentsApi();
        app.MapRunsApi();
        app.MapMetricsApi();
        app.MapArtifactsApi();
        app.MapArtifactProxyApi();
        app.MapRegisteredModelsApi();
        app.MapModelVersionsApi();
        app.MapRegistryExtensionsApi();
        app.MapUiApi();
        app.MapUi(options.EnvironmentVariable);
        app.MapFallback("{**path}", NotFoundAsync);
        return app;
    }

    /// <summary>Unknown path → 404 ENDPOINT_NOT_FOUND; a known path with another method → 405.</summary>
    private static Task NotFoundAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var methods = ApiRoutes.All.Where(r => string.Equals(r.Pattern, path, StringComparison.OrdinalIgnoreCase)).Select(r => r.Method).ToList();
        if (methods.Count > 0)
        {
            context.Response.Headers.Allow = string.Join(", ", methods);
            return ApiResponses.WriteErrorAsync(
                context, MlflowErrorCodes.BadRequest, $"Method {context.Request.Method} is not allowed for {path}; use {string.Join(" or ", methods)}.", StatusCodes.Status405MethodNotAllowed);
        }

        return ApiResponses.WriteErrorAsync(context, MlflowErrorCodes.EndpointNotFound, $"No route {context.Request.Method} {path}.");
    }
}
