using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Gyre.Server.Api;

/// <summary>Maps <see cref="ApiRoute"/> data onto ASP.NET Core endpoints, each carrying its route as metadata.</summary>
public static class ApiRouteMapping
{
    public static IEndpointRouteBuilder MapApiRoutes(this IEndpointRouteBuilder endpoints, IEnumerable<ApiRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(routes);
        foreach (var route in routes)
        {
            endpoints.MapMethods(route.Pattern, [route.Method], route.Handler).WithMetadata(route);
        }

        return endpoints;
    }
}
