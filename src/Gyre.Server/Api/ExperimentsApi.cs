using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tracking.Access;
using Gyre.Tracking.Protocol;
using Gyre.Tracking.Protocol.Messages;
using Microsoft.AspNetCore.Routing;

namespace Gyre.Server.Api;

/// <summary>
/// MLflow's experiment RPCs: <c>experiments/create|get|get-by-name|search|update|delete|restore|
/// set-experiment-tag|delete-experiment-tag</c>, search on GET and POST, and the legacy <c>GET experiments/list</c>
/// (removed in MLflow 2.0, still called by old clients).
/// </summary>
public static class ExperimentsApi
{
    private const int ListPageSize = 1000;

    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        .. TrackingRpc.Post<CreateExperimentRequest>("experiments/create", ApiTokenRole.Write, CreateAsync),
        .. TrackingRpc.Get<GetExperimentRequest>("experiments/get", ApiTokenRole.Read, GetAsync),
        .. TrackingRpc.Get<GetExperimentByNameRequest>("experiments/get-by-name", ApiTokenRole.Read, GetByNameAsync),
        .. TrackingRpc.Get<SearchExperimentsRequest>("experiments/search", ApiTokenRole.Read, SearchAsync),
        .. TrackingRpc.Post<SearchExperimentsRequest>("experiments/search", ApiTokenRole.Read, SearchAsync),
        .. TrackingRpc.Get<ListExperimentsRequest>("experiments/list", ApiTokenRole.Read, ListAsync),
        .. TrackingRpc.Post<UpdateExperimentRequest>("experiments/update", ApiTokenRole.Write, UpdateAsync),
        .. TrackingRpc.Post<DeleteExperimentRequest>("experiments/delete", ApiTokenRole.Write, DeleteAsync),
        .. TrackingRpc.Post<RestoreExperimentRequest>("experiments/restore", ApiTokenRole.Write, RestoreAsync),
        .. TrackingRpc.Post<SetExperimentTagRequest>("experiments/set-experiment-tag", ApiTokenRole.Write, SetTagAsync),
        .. TrackingRpc.Post<DeleteExperimentTagRequest>("experiments/delete-experiment-tag", ApiTokenRole.Write, DeleteTagAsync),
    ];

    public static IEndpointRouteBuilder MapExperimentsApi(this IEndpointRouteBuilder endpoints) => endpoints.MapApiRoutes(Routes);

    private static async Task<object> CreateAsync(CreateExperimentRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var name = RequiredParameters.NonEmpty(request.Name, "name");
        var tags = RequestLists.Convert(request.Tags, "tags", (tag, field) => tag.ToTag(field));
        TrackingValidation.ValidateExperimentName(name);
        TrackingValidation.ValidateExperimentTags(tags);
        var id = await services.Store.CreateExperimentAsync(name, request.ArtifactLocation, tags, cancellationToken);
        return new CreateExperimentResponse { ExperimentId = id.Value };
    }

    private static async Task<object> GetAsync(GetExperimentRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var id = new ExperimentId(RequiredParameters.NonEmpty(request.ExperimentId, "experiment_id"));
        var experiment = await services.Store.GetExperimentAsync(id, cancellationToken);
        return new GetExperimentResponse { Experiment = experiment.ToJson() };
    }

    private static async Task<object> GetByNameAsync(GetExperimentByNameRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var name = RequiredParameters.NonEmpty(request.ExperimentName, "experiment_name");
        var experiment = await services.Store.FindExperimentByNameAsync(name, cancellationToken)
            ?? throw GyreException.NotFound($"Could not find experiment with name '{name}'");
        return new GetExperimentResponse { Experiment = experiment.ToJson() };
    }

    private static async Task<object> SearchAsync(SearchExperimentsRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var maxResults = request.MaxResults ?? ExperimentSearch.DefaultMaxResults;
        TrackingValidation.ValidateMaxResults(maxResults);
        var page = await services.Store.SearchExperimentsAsync(
            new ExperimentSearch
            {
                Filter = NullIfEmpty(request.Filter),
                ViewType = request.ViewType ?? ViewType.ActiveOnly,
                MaxResults = maxResults,
                OrderBy = request.OrderBy,
                PageToken = NullIfEmpty(request.PageToken),
            },
            cancellationToken);
        return new SearchExperimentsResponse { Experiments = [.. page.Items.Select(e => e.ToJson())], NextPageToken = page.NextPageToken };
    }

    private static async Task<object> ListAsync(ListExperimentsRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var experiments = new List<ExperimentJson>();
        string? token = null;
        do
        {
            var page = await services.Store.SearchExperimentsAsync(request.ViewType ?? ViewType.ActiveOnly, ListPageSize, token, cancellationToken);
            experiments.AddRange(page.Items.Select(e => e.ToJson()));
            token = page.NextPageToken;
        }
        while (token is not null);

        return new SearchExperimentsResponse { Experiments = experiments };
    }

    private static async Task<object> UpdateAsync(UpdateExperimentRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var id = new ExperimentId(RequiredParameters.NonEmpty(request.ExperimentId, "experiment_id"));
        var newName = RequiredParameters.NonEmpty(request.NewName, "new_name");
        TrackingValidation.ValidateExperimentName(newName);
        await services.Store.RenameExperimentAsync(id, newName, cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> DeleteAsync(DeleteExperimentRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        await services.Store.DeleteExperimentAsync(new ExperimentId(RequiredParameters.NonEmpty(request.ExperimentId, "experiment_id")), cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> RestoreAsync(RestoreExperimentRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        await services.Store.RestoreExperimentAsync(new ExperimentId(RequiredParameters.NonEmpty(request.ExperimentId, "experiment_id")), cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> SetTagAsync(SetExperimentTagRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var id = new ExperimentId(RequiredParameters.NonEmpty(request.ExperimentId, "experiment_id"));
        var tag = new Tag(RequiredParameters.NonEmpty(request.Key, "key"), request.Value ?? "");
        SingleValues.CheckKey(tag.Key, "tag");
        SingleValues.CheckLength(tag.Value, TrackingValidation.MaxExperimentTagValueLength, "value");
        await services.Store.SetExperimentTagAsync(id, tag, cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> DeleteTagAsync(DeleteExperimentTagRequest request, TrackingServices services, CancellationToken cancellationToken)
    {
        var id = new ExperimentId(RequiredParameters.NonEmpty(request.ExperimentId, "experiment_id"));
        await services.Store.DeleteExperimentTagAsync(id, RequiredParameters.NonEmpty(request.Key, "key"), cancellationToken);
        return EmptyResponse.Instance;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
