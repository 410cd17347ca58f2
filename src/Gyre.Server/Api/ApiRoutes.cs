namespace Gyre.Server.Api;

/// <summary>Every route the server answers, as data (tests enumerate it, e.g. to prove each write route is guarded).</summary>
public static class ApiRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        .. HealthApi.Routes,
        .. ExperimentsApi.Routes,
        .. RunsApi.Routes,
        .. MetricsApi.Routes,
        .. ArtifactsApi.Routes,
        .. ArtifactProxyApi.Routes,
        .. RegisteredModelsApi.Routes,
        .. ModelVersionsApi.Routes,
        .. RegistryExtensionsApi.Routes,
        .. UiApi.Routes,
    ];
}
