using Gyre.Tracking.Access;
using Microsoft.AspNetCore.Http;

namespace Gyre.Server.Api;

/// <summary>
/// One route of the server as data: HTTP method, ASP.NET Core route pattern (e.g.
/// <c>/api/2.0/mlflow/runs/log-batch</c>, <c>/api/2.0/mlflow-artifacts/artifacts/{**path}</c>), the token role
/// it needs under <c>--auth</c> (<see cref="ApiTokenRole.Read"/> for GET and search routes,
/// <see cref="ApiTokenRole.Write"/> for every write), and its handler. The route is also its endpoint's
/// metadata, which the auth gate reads. Immutable value.
/// </summary>
public sealed record ApiRoute(string Method, string Pattern, ApiTokenRole Role, RequestDelegate Handler)
{
    /// <summary>True only for <c>/health</c>: answered without a token even under <c>--auth</c>.</summary>
    public bool AllowAnonymous { get; init; }
}
