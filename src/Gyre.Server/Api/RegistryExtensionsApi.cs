using System.Text.Json;
using Gyre.Core;
using Gyre.Registry;
using Gyre.Server.Http;
using Gyre.Tracking.Access;
using Gyre.Tracking.Protocol;
using Gyre.Tracking.Protocol.Messages;
using Gyre.Tracking.Protocol.Messages.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gyre.Server.Api;

/// <summary>
/// Gyre's registry RPCs that MLflow's API cannot carry, under <c>/api/2.0/gyre/registry/</c>, in MLflow's JSON dialect
/// (snake_case, versions as strings) and error shapes:
/// <list type="bullet">
/// <item><c>POST model-versions/create</c>: MLflow's create plus <c>package</c> (sha256, flavor, signature_json,
/// metrics), <c>aliases</c> and <c>aliases_if_first</c>, all in one transaction.</item>
/// <item><c>POST aliases/set</c>: an alias set whose audit entry carries <c>details_json</c>.</item>
/// <item><c>POST aliases/promote</c>: compare-and-set of an alias against <c>expected_current_version</c> (absent = the
/// alias must not exist); 400 INVALID_PARAMETER_VALUE with <c>gyre_error_kind</c> InvalidState when it moved.</item>
/// <item><c>POST audit/append</c>: an entry that records no change (e.g. <c>promotion_refused</c>); the actions the
/// registry records with its own changes are refused, so the log cannot be forged through it.</item>
/// <item><c>GET audit/get?name=</c>: the model's audit log, oldest first.</item>
/// </list>
/// Writes need the Write role. The actor is decided by the server as for MLflow's registry routes (<see cref="RegistryRpc.Actor"/>):
/// the API token's name when a token authenticates, else the <c>X-Gyre-User</c> header.
/// </summary>
public static class RegistryExtensionsApi
{
    public const string Prefix = "/api/2.0/gyre/registry/";

    /// <summary>The longest action name <c>audit/append</c> accepts (the registry's own are under 20 characters).</summary>
    private const int MaxActionLength = 100;

    private static readonly IReadOnlyList<string> Prefixes = [Prefix];

    /// <summary>Actions the registry records itself with each change; <c>audit/append</c> refuses them.</summary>
    private static readonly HashSet<string> ChangeActions = new(StringComparer.Ordinal)
    {
        AuditActions.CreateModel, AuditActions.RenameModel, AuditActions.UpdateModel, AuditActions.DeleteModel,
        AuditActions.SetModelTag, AuditActions.DeleteModelTag, AuditActions.RegisterVersion, AuditActions.UpdateVersion,
        AuditActions.DeleteVersion, AuditActions.SetVersionTag, AuditActions.DeleteVersionTag, AuditActions.TransitionStage,
        AuditActions.SetAlias, AuditActions.DeleteAlias, AuditActions.Promote,
    };

    private delegate Task<object> Handler<in TRequest>(TRequest request, RegistryCall call, CancellationToken cancellationToken);

    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        .. Post<CreateGyreModelVersionRequest>("model-versions/create", CreateVersionAsync),
        .. Post<SetGyreAliasRequest>("aliases/set", SetAliasAsync),
        .. Post<PromoteAliasRequest>("aliases/promote", PromoteAsync),
        .. Post<AppendAuditRequest>("audit/append", AppendAuditAsync),
        .. TrackingRpc.WithQuery<GetAuditLogRequest>("audit/get", ApiTokenRole.Read, Prefixes, Answer<GetAuditLogRequest>(GetAuditLogAsync)),
    ];

    public static IEndpointRouteBuilder MapRegistryExtensionsApi(this IEndpointRouteBuilder endpoints) => endpoints.MapApiRoutes(Routes);

    private static IEnumerable<ApiRoute> Post<TRequest>(string path, Handler<TRequest> handle)
        where TRequest : new() => TrackingRpc.WithBody(HttpMethods.Post, path, ApiTokenRole.Write, Prefixes, Answer(handle));

    private static TrackingRpc.Responder<TRequest> Answer<TRequest>(Handler<TRequest> handle) => async (request, context) =>
    {
        var services = context.RequestServices.GetRequiredService<TrackingServices>();
        var response = await handle(request, new RegistryCall(services.Registry, services.Store, RegistryRpc.Actor(context)), context.RequestAborted);
        await ApiResponses.WriteJsonAsync(context, StatusCodes.Status200OK, response);
    };

    private static async Task<object> CreateVersionAsync(CreateGyreModelVersionRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var name = RequiredParameters.NonEmpty(request.Name, "name");
        var source = RequiredParameters.NonEmpty(request.Source, "source");
        ModelSources.Check(source);
        var version = await call.Registry.CreateModelVersionAsync(
            new NewModelVersion(name, source)
            {
                RunId = string.IsNullOrEmpty(request.RunId) ? null : new RunId(request.RunId),
                RunLink = RegisteredModelsApi.NullIfEmpty(request.RunLink),
                Description = RegisteredModelsApi.NullIfEmpty(request.Description),
                Tags = RequestLists.Convert(request.Tags, "tags", (tag, field) => tag.ToModelTag(field)),
                UserId = call.Actor.User,
                Package = request.Package?.ToPackageFacts("package"),
                Aliases = request.Aliases is null ? null : RequestLists.Convert(request.Aliases, "aliases", (alias, _) => alias),
                AliasesIfFirst = request.AliasesIfFirst is null ? null : RequestLists.Convert(request.AliasesIfFirst, "aliases_if_first", (alias, _) => alias),
            },
            call.Actor,
            cancellationToken);
        return new ModelVersionResponse { ModelVersion = version.ToJson() };
    }

    private static async Task<object> SetAliasAsync(SetGyreAliasRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var name = RequiredParameters.NonEmpty(request.Name, "name");
        var alias = RequiredParameters.NonEmpty(request.Alias, "alias");
        var version = RegistryConversions.Version(request.Version, "version");
        await call.Registry.SetAliasAsync(name, alias, version, call.Actor, cancellationToken, Details(request.DetailsJson, "details_json"));
        return EmptyResponse.Instance;
    }

    private static async Task<object> PromoteAsync(PromoteAliasRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var name = RequiredParameters.NonEmpty(request.Name, "name");
        var alias = RequiredParameters.NonEmpty(request.Alias, "alias");
        var version = RegistryConversions.Version(request.Version, "version");
        int? expected = string.IsNullOrEmpty(request.ExpectedCurrentVersion)
            ? null
            : RegistryConversions.Version(request.ExpectedCurrentVersion, "expected_current_version");
        var details = Details(RequiredParameters.NonEmpty(request.DetailsJson, "details_json"), "details_json")!;
        await call.Registry.PromoteAliasAsync(name, alias, version, expected, details, call.Actor, cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> AppendAuditAsync(AppendAuditRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var name = RequiredParameters.NonEmpty(request.Name, "name");
        var action = RequiredParameters.NonEmpty(request.Action, "action");
        if (ChangeActions.Contains(action))
        {
            throw GyreException.InvalidInput(
                $"Invalid value for parameter 'action' supplied: '{action}' is recorded by the registry with its change; append only entries that record no change (e.g. '{AuditActions.PromotionRefused}').");
        }

        SingleValues.CheckLength(action, MaxActionLength, "action");
        int? version = string.IsNullOrEmpty(request.Version) ? null : RegistryConversions.Version(request.Version, "version");
        await call.Registry.AppendAuditAsync(
            name, action, version, RegisteredModelsApi.NullIfEmpty(request.Alias), Details(request.DetailsJson, "details_json"), call.Actor, cancellationToken);
        return EmptyResponse.Instance;
    }

    private static async Task<object> GetAuditLogAsync(GetAuditLogRequest request, RegistryCall call, CancellationToken cancellationToken)
    {
        var entries = await call.Registry.GetAuditLogAsync(RequiredParameters.NonEmpty(request.Name, "name"), cancellationToken);
        return new GetAuditLogResponse { Entries = [.. entries.Select(e => e.ToJson())] };
    }

    /// <summary>The audit details as given (null when absent); InvalidInput naming <paramref name="field"/> unless it is one JSON value.</summary>
    private static string? Details(string? json, string field)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return json;
        }
        catch (JsonException error)
        {
            throw GyreException.InvalidInput($"Invalid value for parameter '{field}' supplied: expected JSON text ({error.Message}).");
        }
    }
}
