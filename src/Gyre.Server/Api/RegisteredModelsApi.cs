using Gyre.Core;
using Gyre.Registry;
using Gyre.Tracking.Access;
using Gyre.Tracking.Protocol;
using Gyre.Tracking.Protocol.Messages;
using Gyre.Tracking.Protocol.Messages.Registry;
using Microsoft.AspNetCore.Routing;

namespace Gyre.Server.Api;

/// <summary>
/// MLflow's registered-model RPCs: <c>registered-models/create|rename|update (PATCH)|delete (DELETE)|get|search|
/// get-latest-versions (GET and POST)|set-tag|delete-tag (DELETE)|alias (POST set, DELETE, GET)</c>.
/// </summary>
public static class RegisteredModelsApi
{
    /// <summary>MLflow's registered-model and model-version tag limits.</summary>
    internal const int MaxTagKeyLength = 250;

    internal const int MaxTagValueLength = 5000;

    private const int DefaultMaxResults = 100;

    private const int MaxMaxResults = 1000;

    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        .. RegistryRpc.Post<CreateRegisteredModelRequest>("registered-models/create", ApiTokenRole.Write, CreateAsync),
        .. RegistryRpc.Post<RenameRegisteredModelRequest>("registered-models/rename", ApiTokenRole.Write, RenameAsync),
        .. RegistryRpc.Patch<UpdateRegisteredModelRequest>("registered-models/update", ApiTokenRole.Write, UpdateAsync),
        .. RegistryRpc.Delete<DeleteRegisteredModelRequest>("registered-models/delete", ApiTokenRole.Write, DeleteAsync),
        .. RegistryRpc.Get<GetRegisteredModelRequest>("registered-models/get", ApiTokenRole.Read, GetAsync),
        .. RegistryRpc.Get<SearchRegisteredModelsRequest>("registered-models/search", ApiTokenRole.Read, SearchAsync),
        .. RegistryRpc.Get<GetLatestVersionsRequest>("registered-models/get-latest-versions", ApiTokenRole.Read, GetLatestVersionsAsync),
        .. RegistryRpc.Post<GetLatestVersionsRequest>("registered-models/get-latest-versions", ApiTokenRole.Read, GetLatestVersionsAsync),
        .. RegistryRpc.Post<SetRegisteredModelTagRequest>("registered-models/set-tag", ApiTokenRole.Write, SetTagAsync),
        .. RegistryRpc.Delete<DeleteRegisteredModelTagRequest>("registered-models/delete-tag", ApiTokenRole.Write, DeleteTagAsync),
        .. RegistryRpc.Post<SetRegisteredModelAliasRequest>("registered-models/alias", ApiTokenRole.Write, SetAliasAsync),
        .. RegistryRpc.Delete<DeleteRegisteredModelAliasRequest>("registered-models/alias", ApiTokenRole.Write, DeleteAliasAsync),
        .. RegistryRpc.Get<GetModelVersionByAliasRequest>("registered-models/alias", ApiTokenRole.Read, GetByAliasAsync),
    ];

    public static IEndpointRouteBuilder MapRegisteredModelsApi(this IEndpointRouteBuilder endpoints) => endpoints.MapApiRoutes(Routes);

    /// <summary>A tag of a registry request, checked against MLflow's limits with messages naming the request's fields.</summary>
    internal static ModelTag Tag(string? key, string? value)
    {
        var tag = new ModelTag(RequiredParameters.NonEmpty(key, "key"), value ?? "");
        SingleValues.CheckLength(tag.Key, MaxTagKeyLength, "key");
        SingleValues.CheckLength(tag.Value, MaxTagValueLength, "value");
        return tag;
    }

    /// <summary>InvalidInput unless 1 ≤ <paramref name="maxResults"/> ≤ <paramref name="limit"/>.</summary>
    internal static int MaxResults(int? maxResults, int defaultValue, int limit)
    {
        var value = maxResults ?? defaultValue;
        return value is >= 1 && value <= limit
            ? value
            : throw GyreException.InvalidInput($"Invalid value {value} for parameter 'max_results' supplied: it must be between 1 and {limit}.");
    }

    internal static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static async Task<object> CreateAsync(CreateRegisteredModelRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var name = RequiredParameters.NonEmpty(request.Name, "name");
        var tags = RequestLists.Convert(request.Tags, "tags", (tag, field) => tag.ToModelTag(field));
        var model = await call.Registry.CreateRegisteredModelAsync(name, NullIfEmpty(request.Description), tags, call.Actor, cancellationToken);
        return new RegisteredModelResponse { RegisteredModel = model.ToJson() };
    }

    private static async Task<object> RenameAsync(RenameRegisteredModelRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var name = RequiredParameters.NonEmpty(request.Name, "name");
        var newName = RequiredParameters.NonEmpty(request.NewName, "new_name");
        var model = await call.Registry.RenameRegisteredModelAsync(name, newName, call.Actor, cancellationToken);
        return new RegisteredModelResponse { RegisteredModel = model.ToJson() };
    }

    private static async Task<object> UpdateAsync(UpdateRegisteredModelRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var name = RequiredParameters.NonEmpty(request.Name, "name");
        var model = await call.Registry.UpdateRegisteredModelAsync(name, request.Description, call.Actor, cancellationToken);
        return new RegisteredModelResponse { RegisteredModel = model.ToJson() };
    }

    private static async Task<object> DeleteAsync(DeleteRegisteredModelRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        await call.Registry.DeleteRegisteredModelAsync(RequiredParameters.NonEmpty(request.Name, "name"), call.Actor, cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> GetAsync(GetRegisteredModelRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var model = await call.Registry.GetRegisteredModelAsync(RequiredParameters.NonEmpty(request.Name, "name"), cancellationToken);
        return new RegisteredModelResponse { RegisteredModel = model.ToJson() };
    }

    private static async Task<object> SearchAsync(SearchRegisteredModelsRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var maxResults = MaxResults(request.MaxResults, DefaultMaxResults, MaxMaxResults);
        var page = await call.Registry.SearchRegisteredModelsAsync(
            NullIfEmpty(request.Filter), maxResults, request.OrderBy, NullIfEmpty(request.PageToken), cancellationToken);
        return new SearchRegisteredModelsResponse { RegisteredModels = [.. page.Items.Select(m => m.ToJson())], NextPageToken = page.NextPageToken };
    }

    private static async Task<object> GetLatestVersionsAsync(GetLatestVersionsRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var name = RequiredParameters.NonEmpty(request.Name, "name");
        var versions = await call.Registry.GetLatestVersionsAsync(name, request.Stages, cancellationToken);
        return new ModelVersionsResponse { ModelVersions = [.. versions.Select(v => v.ToJson())] };
    }

    private static async Task<object> SetTagAsync(SetRegisteredModelTagRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var name = RequiredParameters.NonEmpty(request.Name, "name");
        await call.Registry.SetRegisteredModelTagAsync(name, Tag(request.Key, request.Value), call.Actor, cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> DeleteTagAsync(DeleteRegisteredModelTagRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var name = RequiredParameters.NonEmpty(request.Name, "name");
        await call.Registry.DeleteRegisteredModelTagAsync(name, RequiredParameters.NonEmpty(request.Key, "key"), call.Actor, cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> SetAliasAsync(SetRegisteredModelAliasRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var name = RequiredParameters.NonEmpty(request.Name, "name");
        var alias = RequiredParameters.NonEmpty(request.Alias, "alias");
        var version = RegistryConversions.Version(request.Version, "version");
        await call.Registry.SetAliasAsync(name, alias, version, call.Actor, cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> DeleteAliasAsync(DeleteRegisteredModelAliasRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var name = RequiredParameters.NonEmpty(request.Name, "name");
        await call.Registry.DeleteAliasAsync(name, RequiredParameters.NonEmpty(request.Alias, "alias"), call.Actor, cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> GetByAliasAsync(GetModelVersionByAliasRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var name = RequiredParameters.NonEmpty(request.Name, "name");
        var version = await call.Registry.GetModelVersionByAliasAsync(name, RequiredParameters.NonEmpty(request.Alias, "alias"), cancellationToken);
        return new ModelVersionResponse { ModelVersion = version.ToJson() };
    }
}
