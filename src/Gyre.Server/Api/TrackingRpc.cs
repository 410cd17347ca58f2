using Gyre.Core;
using Gyre.Tracking.Access;
using Gyre.Tracking.Protocol;
using Gyre.Server.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gyre.Server.Api;

/// <summary>
/// Builds the routes of MLflow tracking RPCs, each under both <c>/api/2.0/mlflow/</c> and
/// <c>/ajax-api/2.0/mlflow/</c>: POST routes require <c>Content-Type: application/json</c> and read the body
/// leniently (<see cref="MlflowJson.Deserialize{T}(ReadOnlyMemory{byte})"/>), GET routes read the query string
/// (<see cref="MlflowJson.FromQuery{T}"/>); the handler's answer is written with status 200.
/// </summary>
internal static class TrackingRpc
{
    public static readonly IReadOnlyList<string> Prefixes = ["/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/"];

    private const string JsonMediaType = "application/json";

    public delegate Task<object> Handler<in TRequest>(TRequest request, TrackingServices services, CancellationToken cancellationToken);

    /// <summary>A handler that writes the whole answer itself (status included).</summary>
    public delegate Task Responder<in TRequest>(TRequest request, HttpContext context);

    public static IEnumerable<ApiRoute> Post<TRequest>(string path, ApiTokenRole role, Handler<TRequest> handle)
        where TRequest : new() =>
        WithBody(HttpMethods.Post, path, role, Prefixes, Answer(handle));

    public static IEnumerable<ApiRoute> Get<TRequest>(string path, ApiTokenRole role, Handler<TRequest> handle)
        where TRequest : new() =>
        WithQuery(path, role, Prefixes, Answer(handle));

    /// <summary>
    /// Routes <paramref name="method"/> (POST, PATCH, DELETE) under each of <paramref name="prefixes"/>, reading the request
    /// from the JSON body; POST bodies must be <c>application/json</c> (MLflow checks POST and PUT only).
    /// </summary>
    public static IEnumerable<ApiRoute> WithBody<TRequest>(string method, string path, ApiTokenRole role, IReadOnlyList<string> prefixes, Responder<TRequest> respond)
        where TRequest : new() =>
        prefixes.Select(prefix => new ApiRoute(method, prefix + path, role, async context =>
        {
            if (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method))
            {
                RequireJsonContentType(context.Request);
            }

            var request = MlflowJson.Deserialize<TRequest>(await ReadBodyAsync(context.Request, context.RequestAborted));
            await respond(request, context);
        }));

    /// <summary>Routes GET under each of <paramref name="prefixes"/>, reading the request from the query string.</summary>
    public static IEnumerable<ApiRoute> WithQuery<TRequest>(string path, ApiTokenRole role, IReadOnlyList<string> prefixes, Responder<TRequest> respond)
        where TRequest : new() =>
        prefixes.Select(prefix => new ApiRoute(HttpMethods.Get, prefix + path, role, context =>
        {
            var request = MlflowJson.FromQuery<TRequest>(
                context.Request.Query.Select(pair => KeyValuePair.Create(pair.Key, (IReadOnlyList<string?>)pair.Value.ToArray())));
            return respond(request, context);
        }));

    private static Responder<TRequest> Answer<TRequest>(Handler<TRequest> handle) => async (request, context) =>
    {
        var services = context.RequestServices.GetRequiredService<TrackingServices>();
        var response = await handle(request, services, context.RequestAborted);
        await ApiResponses.WriteJsonAsync(context, StatusCodes.Status200OK, response);
    };

    /// <summary>MLflow's check: POST bodies must be <c>application/json</c> (parameters such as charset allowed).</summary>
    private static void RequireJsonContentType(HttpRequest request)
    {
        var mediaType = request.ContentType?.Split(';', 2)[0].Trim();
        if (string.Equals(mediaType, JsonMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var message = $"Bad Request. Content-Type must be one of [{JsonMediaType}].";
        if (!string.IsNullOrEmpty(mediaType) && mediaType.All(c => char.IsAsciiLetterOrDigit(c) || "-/;,+_ ".Contains(c, StringComparison.Ordinal)))
        {
            message += $" Got '{mediaType}'.";
        }

        throw GyreException.InvalidInput(message);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is > 0 and < int.MaxValue ? (int)request.ContentLength : 4096);
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
