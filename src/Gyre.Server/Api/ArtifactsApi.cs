using Gyre.Tracking.Access;
using Gyre.Tracking.Artifacts;
using Gyre.Tracking.Protocol;
using Gyre.Tracking.Protocol.Messages;
using Microsoft.AspNetCore.Routing;

namespace Gyre.Server.Api;

/// <summary>
/// MLflow's <c>GET artifacts/list</c>: the direct children of a folder of a run's artifacts, with paths relative
/// to the run's artifact URI (<c>root_uri</c>) and including the requested folder. One page: no page token is given.
/// </summary>
public static class ArtifactsApi
{
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        .. TrackingRpc.Get<ListArtifactsRequest>("artifacts/list", ApiTokenRole.Read, ListAsync),
    ];

    public static IEndpointRouteBuilder MapArtifactsApi(this IEndpointRouteBuilder endpoints) => endpoints.MapApiRoutes(Routes);

    private static async Task<object> ListAsync(ListArtifactsRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var run = await services.Store.GetRunAsync(RequiredParameters.RunId(request), cancellationToken);
        var folder = ArtifactPath.Normalize(request.Path);
        var root = RunArtifactRoots.RepositoryPath(run.Info.ArtifactUri, services.Artifacts);
        var items = await services.Artifacts.ListAsync(ArtifactPath.Combine(root, folder), cancellationToken);
        var strip = root.Length == 0 ? 0 : root.Length + 1;
        return new ListArtifactsResponse
        {
            RootUri = run.Info.ArtifactUri,
            Files = [.. items.Select(item => item.ToJson(item.Path[strip..]))],
        };
    }
}
