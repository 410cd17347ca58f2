using Gyre.Tracking.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gyre.Server.Api;

/// <summary>
/// The web UI's data routes under <c>/api/2.0/gyre/ui/</c>, all GET with the Read role (so <c>--auth</c> guards them
/// like MLflow's routes), answering snake_case JSON (<see cref="UiJson"/>) or, for <c>artifact</c>, the raw file:
/// <c>metric-series</c>, <c>metric-keys</c>, <c>artifact</c> (<see cref="UiRunsApi"/>), <c>studies</c>, <c>study</c>
/// (<see cref="UiStudiesApi"/>), <c>deployments</c>, <c>alerts</c>, <c>monitoring</c> (<see cref="UiOperationsApi"/>).
/// Errors are MLflow's error JSON: 400 naming the parameter, 404 for an unknown run or study.
/// </summary>
public static class UiApi
{
    public const string Prefix = "/api/2.0/gyre/ui/";

    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        Get("metric-series", UiRunsApi.MetricSeriesAsync),
        Get("metric-keys", UiRunsApi.MetricKeysAsync),
        Get("artifact", UiRunsApi.ArtifactAsync),
        Get("studies", UiStudiesApi.StudiesAsync),
        Get("study", UiStudiesApi.StudyAsync),
        Get("deployments", UiOperationsApi.DeploymentsAsync),
        Get("alerts", UiOperationsApi.AlertsAsync),
        Get("monitoring", UiOperationsApi.MonitoringAsync),
    ];

    public static IEndpointRouteBuilder MapUiApi(this IEndpointRouteBuilder endpoints) => endpoints.MapApiRoutes(Routes);

    private static ApiRoute Get(string path, RequestDelegate handler) => new(HttpMethods.Get, Prefix + path, ApiTokenRole.Read, handler);
}
