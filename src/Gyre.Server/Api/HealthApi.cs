using System.Reflection;
using Gyre.Tracking.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gyre.Server.Api;

/// <summary><c>GET /health</c> → <c>OK</c> (no token needed, for load balancers); <c>GET /version</c> → the Gyre version as text.</summary>
public static class HealthApi
{
    private static readonly string Version =
        typeof(HealthApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new(HttpMethods.Get, "/health", ApiTokenRole.Read, context => PlainTextAsync(context, "OK")) { AllowAnonymous = true },
        new(HttpMethods.Get, "/version", ApiTokenRole.Read, context => PlainTextAsync(context, Version)),
    ];

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints) => endpoints.MapApiRoutes(Routes);

    private static Task PlainTextAsync(HttpContext context, string text)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
