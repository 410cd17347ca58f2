using Gyre.Registry;
using Gyre.Server.Http;
using Gyre.Tracking.Access;
using Gyre.Tracking.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gyre.Server.Api;

/// <summary>
/// Builds the routes of MLflow's Model Registry RPCs, each under <c>/api/2.0/mlflow/</c>, <c>/ajax-api/2.0/mlflow/</c>
/// and the legacy <c>/api/2.0/preview/mlflow/</c>. The audit actor of a write is the API token's name under
/// <c>--auth</c>, else the <c>X-Gyre-User</c> header, else <c>anonymous</c>; its reason is the <c>X-Gyre-Reason</c>
/// header when present (both may come in RFC 8187's <c>UTF-8''</c> form, see <see cref="RegistryActorHeaders"/>).
/// </summary>
internal static class RegistryRpc
{
    /// <summary>The request header naming the user when the server runs without <c>--auth</c>.</summary>
    public const string UserHeader = RegistryActorHeaders.User;

    /// <summary>The request header giving the reason recorded in the audit log.</summary>
    public const string ReasonHeader = RegistryActorHeaders.Reason;

    public const string AnonymousUser = "anonymous";

    public static readonly IReadOnlyList<string> Prefixes = [.. TrackingRpc.Prefixes, "/api/2.0/preview/mlflow/"];

    public delegate Task<object> Handler<in TRequest>(TRequest request, RegistryCall call, CancellationToken cancellationToken);

    public static IEnumerable<ApiRoute> Post<TRequest>(string path, ApiTokenRole role, Handler<TRequest> handle)
        where TRequest : new() => TrackingRpc.WithBody(HttpMethods.Post, path, role, Prefixes, Answer(handle));

    public static IEnumerable<ApiRoute> Patch<TRequest>(string path, ApiTokenRole role, Handler<TRequest> handle)
        where TRequest : new() => TrackingRpc.WithBody(HttpMethods.Patch, path, role, Prefixes, Answer(handle));

    public static IEnumerable<ApiRoute> Delete<TRequest>(string path, ApiTokenRole role, Handler<TRequest> handle)
        where TRequest : new() => TrackingRpc.WithBody(HttpMethods.Delete, path, role, Prefixes, Answer(handle));

    public static IEnumerable<ApiRoute> Get<TRequest>(string path, ApiTokenRole role, Handler<TRequest> handle)
        where TRequest : new() => TrackingRpc.WithQuery(path, role, Prefixes, Answer(handle));

    /// <summary>Who makes the request's change and why (see the class summary).</summary>
    public static RegistryActor Actor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.Features.Get<AuthenticatedCaller>()?.TokenName ?? Header(context, UserHeader) ?? AnonymousUser;
        return new RegistryActor(user, Header(context, ReasonHeader));
    }

    private static TrackingRpc.Responder<TRequest> Answer<TRequest>(Handler<TRequest> handle) => async (request, context) =>
    {
        var services = context.RequestServices.GetRequiredService<TrackingServices>();
        var response = await handle(request, new RegistryCall(services.Registry, services.Store, Actor(context)), context.RequestAborted);
        await ApiResponses.WriteJsonAsync(context, StatusCodes.Status200OK, response);
    };

    private static string? Header(HttpContext context, string name)
    {
        var value = RegistryActorHeaders.Decode(context.Request.Headers[name].ToString()).Trim();
        return value.Length == 0 ? null : value;
    }
}
