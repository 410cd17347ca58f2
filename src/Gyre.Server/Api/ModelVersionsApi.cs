using Gyre.Core;
using Gyre.Registry;
using Gyre.Tracking.Access;
using Gyre.Tracking.Protocol;
using Gyre.Tracking.Protocol.Messages;
using Gyre.Tracking.Protocol.Messages.Registry;
using Microsoft.AspNetCore.Routing;

namespace Gyre.Server.Api;

/// <summary>
/// MLflow's model-version RPCs: <c>model-versions/create|update (PATCH)|transition-stage|delete (DELETE)|get|search|
/// get-download-uri|set-tag|delete-tag (DELETE)</c>. Versions are registered atomically, so they answer READY at once
/// (the Python client's poll of <c>get</c> ends on the first call); the version's user is the request's actor.
/// </summary>
public static class ModelVersionsApi
{
    private const int DefaultMaxResults = 10_000;

    private const int MaxMaxResults = 200_000;

    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        .. RegistryRpc.Post<CreateModelVersionRequest>("model-versions/create", ApiTokenRole.Write, CreateAsync),
        .. RegistryRpc.Patch<UpdateModelVersionRequest>("model-versions/update", ApiTokenRole.Write, UpdateAsync),
        .. RegistryRpc.Post<TransitionModelVersionStageRequest>("model-versions/transition-stage", ApiTokenRole.Write, TransitionStageAsync),
        .. RegistryRpc.Delete<DeleteModelVersionRequest>("model-versions/delete", ApiTokenRole.Write, DeleteAsync),
        .. RegistryRpc.Get<GetModelVersionRequest>("model-versions/get", ApiTokenRole.Read, GetAsync),
        .. RegistryRpc.Get<SearchModelVersionsRequest>("model-versions/search", ApiTokenRole.Read, SearchAsync),
        .. RegistryRpc.Get<GetModelVersionDownloadUriRequest>("model-versions/get-download-uri", ApiTokenRole.Read, GetDownloadUriAsync),
        .. RegistryRpc.Post<SetModelVersionTagRequest>("model-versions/set-tag", ApiTokenRole.Write, SetTagAsync),
        .. RegistryRpc.Delete<DeleteModelVersionTagRequest>("model-versions/delete-tag", ApiTokenRole.Write, DeleteTagAsync),
    ];

    public static IEndpointRouteBuilder MapModelVersionsApi(this IEndpointRouteBuilder endpoints) => endpoints.MapApiRoutes(Routes);

    private static async Task<object> CreateAsync(CreateModelVersionRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var name = RequiredParameters.NonEmpty(request.Name, "name");
        var source = RequiredParameters.NonEmpty(request.Source, "source");
        ModelSources.Check(source);
        var tags = RequestLists.Convert(request.Tags, "tags", (tag, field) => tag.ToModelTag(field));
        var version = await call.Registry.CreateModelVersionAsync(
            new NewModelVersion(name, source)
            {
                RunId = string.IsNullOrEmpty(request.RunId) ? null : new RunId(request.RunId),
                RunLink = RegisteredModelsApi.NullIfEmpty(request.RunLink),
                Description = RegisteredModelsApi.NullIfEmpty(request.Description),
                Tags = tags,
                UserId = call.Actor.User,
            },
            call.Actor,
            cancellationToken);
        return new ModelVersionResponse { ModelVersion = version.ToJson() };
    }

    private static async Task<object> UpdateAsync(UpdateModelVersionRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var (name, number) = Address(request.Name, request.Version);
        var version = await call.Registry.UpdateModelVersionAsync(name, number, request.Description, call.Actor, cancellationToken);
        return new ModelVersionResponse { ModelVersion = version.ToJson() };
    }

    private static async Task<object> TransitionStageAsync(TransitionModelVersionStageRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var (name, number) = Address(request.Name, request.Version);
        var stage = RequiredParameters.NonEmpty(request.Stage, "stage");
        var version = await call.Registry.TransitionModelVersionStageAsync(
            name, number, stage, request.ArchiveExistingVersions ?? false, call.Actor, cancellationToken);
        return new ModelVersionResponse { ModelVersion = version.ToJson() };
    }

    private static async Task<object> DeleteAsync(DeleteModelVersionRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var (name, number) = Address(request.Name, request.Version);
        await call.Registry.DeleteModelVersionAsync(name, number, call.Actor, cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> GetAsync(GetModelVersionRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var (name, number) = Address(request.Name, request.Version);
        var version = await call.Registry.GetModelVersionAsync(name, number, cancellationToken);
        return new ModelVersionResponse { ModelVersion = version.ToJson() };
    }

    private static async Task<object> SearchAsync(SearchModelVersionsRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var maxResults = RegisteredModelsApi.MaxResults(request.MaxResults, DefaultMaxResults, MaxMaxResults);
        var page = await call.Registry.SearchModelVersionsAsync(
            RegisteredModelsApi.NullIfEmpty(request.Filter), maxResults, request.OrderBy, RegisteredModelsApi.NullIfEmpty(request.PageToken), cancellationToken);
        return new SearchModelVersionsResponse { ModelVersions = [.. page.Items.Select(v => v.ToJson())], NextPageToken = page.NextPageToken };
    }

    private static async Task<object> GetDownloadUriAsync(GetModelVersionDownloadUriRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var (name, number) = Address(request.Name, request.Version);
        var version = await call.Registry.GetModelVersionAsync(name, number, cancellationToken);
        return new GetModelVersionDownloadUriResponse { ArtifactUri = await ModelSources.DownloadUriAsync(version.Source, call.Tracking, cancellationToken) };
    }

    private static async Task<object> SetTagAsync(SetModelVersionTagRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var (name, number) = Address(request.Name, request.Version);
        await call.Registry.SetModelVersionTagAsync(name, number, RegisteredModelsApi.Tag(request.Key, request.Value), call.Actor, cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> DeleteTagAsync(DeleteModelVersionTagRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var (name, number) = Address(request.Name, request.Version);
        await call.Registry.DeleteModelVersionTagAsync(name, number, RequiredParameters.NonEmpty(request.Key, "key"), call.Actor, cancellationToken);
        return EmptyResponse.Instance;
    }

    /// <summary>The request's <c>name</c> and <c>version</c>, both required.</summary>
    private static (string Name, int Version) Address(string? name, string? version) =>
        (RequiredParameters.NonEmpty(name, "name"), RegistryConversions.Version(version, "version"));
}
