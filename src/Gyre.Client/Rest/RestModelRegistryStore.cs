using System.Globalization;
using Gyre.Core;
using Gyre.Registry;
using Gyre.Tracking.Protocol;
using Gyre.Tracking.Protocol.Messages;
using Gyre.Tracking.Protocol.Messages.Registry;

namespace Gyre.Client.Rest;

/// <summary>
/// An <see cref="IModelRegistryStore"/> on a Gyre tracking server: MLflow's Model Registry REST API
/// (<c>/api/2.0/mlflow/registered-models/...</c>, <c>model-versions/...</c>) plus Gyre's extensions under
/// <c>/api/2.0/gyre/registry/</c> for what MLflow cannot carry (package facts, aliases set with a version, alias
/// compare-and-set, audit details, the audit log). Errors come back as the server's <see cref="GyreException"/> kinds
/// (its <c>gyre_error_kind</c>), so they match the SQL stores'; an unreachable server is Internal. Page tokens pass
/// through unchanged.
/// <para>
/// The actor: each write sends <see cref="RegistryActor.User"/> as <c>X-Gyre-User</c> and the reason as
/// <c>X-Gyre-Reason</c>. The server decides who acts: when an API token authenticates the request (<c>--auth</c>), the
/// token's name is recorded instead of the user given here; the reason is always taken. A version's user id is the
/// recorded actor too (<see cref="NewModelVersion.UserId"/> is not sent).
/// </para>
/// <para>
/// Retries (<see cref="RestConnectionOptions.MaxRetries"/>): reads after 429, 502, 503, 504, connection failures and
/// timeouts; writes (each of which appends an audit entry) only after 429 or 503 and when the connection could not be
/// opened, so no change is recorded twice.
/// </para>
/// Thread-safe. Dispose closes the connections.
/// </summary>
public sealed class RestModelRegistryStore : IModelRegistryStore, IDisposable
{
    private const string MlflowPrefix = "api/2.0/mlflow/";
    private const string GyrePrefix = "api/2.0/gyre/registry/";

    private readonly MlflowHttpTransport transport;

    /// <param name="serverUri">The server's base URL, e.g. <c>http://127.0.0.1:5000</c>.</param>
    public RestModelRegistryStore(Uri serverUri, RestConnectionOptions? options = null)
        => transport = new MlflowHttpTransport(serverUri, options ?? new RestConnectionOptions());

    /// <summary>The server's base URL (ending in '/').</summary>
    public Uri ServerUri => transport.ServerUri;

    public async Task<RegisteredModel> CreateRegisteredModelAsync(string name, string? description, IReadOnlyList<ModelTag>? tags, RegistryActor actor, CancellationToken cancellationToken)
    {
        var response = await WriteAsync<CreateRegisteredModelRequest, RegisteredModelResponse>(
            HttpMethod.Post,
            MlflowPrefix + "registered-models/create",
            new CreateRegisteredModelRequest { Name = name, Description = description, Tags = ToJson(tags) },
            actor,
            cancellationToken).ConfigureAwait(false);
        return Required(response.RegisteredModel, "registered_model", "registered-models/create").ToRegisteredModel();
    }

    public async Task<RegisteredModel> GetRegisteredModelAsync(string name, CancellationToken cancellationToken)
    {
        var response = await ReadAsync<RegisteredModelResponse>(MlflowPrefix + "registered-models/get", [("name", name)], cancellationToken).ConfigureAwait(false);
        return Required(response.RegisteredModel, "registered_model", "registered-models/get").ToRegisteredModel();
    }

    public async Task<RegisteredModel> RenameRegisteredModelAsync(string name, string newName, RegistryActor actor, CancellationToken cancellationToken)
    {
        var response = await WriteAsync<RenameRegisteredModelRequest, RegisteredModelResponse>(
            HttpMethod.Post, MlflowPrefix + "registered-models/rename", new RenameRegisteredModelRequest { Name = name, NewName = newName }, actor, cancellationToken).ConfigureAwait(false);
        return Required(response.RegisteredModel, "registered_model", "registered-models/rename").ToRegisteredModel();
    }

    public async Task<RegisteredModel> UpdateRegisteredModelAsync(string name, string? description, RegistryActor actor, CancellationToken cancellationToken)
    {
        var response = await WriteAsync<UpdateRegisteredModelRequest, RegisteredModelResponse>(
            HttpMethod.Patch, MlflowPrefix + "registered-models/update", new UpdateRegisteredModelRequest { Name = name, Description = description }, actor, cancellationToken).ConfigureAwait(false);
        return Required(response.RegisteredModel, "registered_model", "registered-models/update").ToRegisteredModel();
    }

    public Task DeleteRegisteredModelAsync(string name, RegistryActor actor, CancellationToken cancellationToken) =>
        WriteAsync<DeleteRegisteredModelRequest, EmptyResponse>(
            HttpMethod.Delete, MlflowPrefix + "registered-models/delete", new DeleteRegisteredModelRequest { Name = name }, actor, cancellationToken);

    public async Task<Page<RegisteredModel>> SearchRegisteredModelsAsync(string? filter, int maxResults, IReadOnlyList<string>? orderBy, string? pageToken, CancellationToken cancellationToken)
    {
        var response = await ReadAsync<SearchRegisteredModelsResponse>(
            MlflowPrefix + "registered-models/search",
            [("filter", filter), ("max_results", maxResults.ToString(CultureInfo.InvariantCulture)), .. OrderBy(orderBy), ("page_token", pageToken)],
            cancellationToken).ConfigureAwait(false);
        return new Page<RegisteredModel>([.. (response.RegisteredModels ?? []).Select(m => m.ToRegisteredModel())], NullIfEmpty(response.NextPageToken));
    }

    public Task SetRegisteredModelTagAsync(string name, ModelTag tag, RegistryActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return WriteAsync<SetRegisteredModelTagRequest, EmptyResponse>(
            HttpMethod.Post, MlflowPrefix + "registered-models/set-tag", new SetRegisteredModelTagRequest { Name = name, Key = tag.Key, Value = tag.Value }, actor, cancellationToken);
    }

    public Task DeleteRegisteredModelTagAsync(string name, string key, RegistryActor actor, CancellationToken cancellationToken) =>
        WriteAsync<DeleteRegisteredModelTagRequest, EmptyResponse>(
            HttpMethod.Delete, MlflowPrefix + "registered-models/delete-tag", new DeleteRegisteredModelTagRequest { Name = name, Key = key }, actor, cancellationToken);

    /// <summary>Through Gyre's <c>model-versions/create</c>: package facts and aliases are stored in the version's own transaction.</summary>
    public async Task<ModelVersion> CreateModelVersionAsync(NewModelVersion version, RegistryActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var response = await WriteAsync<CreateGyreModelVersionRequest, ModelVersionResponse>(
            HttpMethod.Post,
            GyrePrefix + "model-versions/create",
            new CreateGyreModelVersionRequest
            {
                Name = version.Name,
                Source = version.Source,
                RunId = version.RunId?.Value,
                RunLink = version.RunLink,
                Description = version.Description,
                Tags = ToJson(version.Tags),
                Package = version.Package?.ToJson(),
                Aliases = version.Aliases,
                AliasesIfFirst = version.AliasesIfFirst,
            },
            actor,
            cancellationToken).ConfigureAwait(false);
        return Required(response.ModelVersion, "model_version", "gyre/registry/model-versions/create").ToModelVersion();
    }

    public async Task<ModelVersion> GetModelVersionAsync(string name, int version, CancellationToken cancellationToken)
    {
        var response = await ReadAsync<ModelVersionResponse>(
            MlflowPrefix + "model-versions/get", [("name", name), ("version", RegistryConversions.VersionText(version))], cancellationToken).ConfigureAwait(false);
        return Required(response.ModelVersion, "model_version", "model-versions/get").ToModelVersion();
    }

    public async Task<ModelVersion> UpdateModelVersionAsync(string name, int version, string? description, RegistryActor actor, CancellationToken cancellationToken)
    {
        var response = await WriteAsync<UpdateModelVersionRequest, ModelVersionResponse>(
            HttpMethod.Patch,
            MlflowPrefix + "model-versions/update",
            new UpdateModelVersionRequest { Name = name, Version = RegistryConversions.VersionText(version), Description = description },
            actor,
            cancellationToken).ConfigureAwait(false);
        return Required(response.ModelVersion, "model_version", "model-versions/update").ToModelVersion();
    }

    public Task DeleteModelVersionAsync(string name, int version, RegistryActor actor, CancellationToken cancellationToken) =>
        WriteAsync<DeleteModelVersionRequest, EmptyResponse>(
            HttpMethod.Delete, MlflowPrefix + "model-versions/delete", new DeleteModelVersionRequest { Name = name, Version = RegistryConversions.VersionText(version) }, actor, cancellationToken);

    public async Task<Page<ModelVersion>> SearchModelVersionsAsync(string? filter, int maxResults, IReadOnlyList<string>? orderBy, string? pageToken, CancellationToken cancellationToken)
    {
        var response = await ReadAsync<SearchModelVersionsResponse>(
            MlflowPrefix + "model-versions/search",
            [("filter", filter), ("max_results", maxResults.ToString(CultureInfo.InvariantCulture)), .. OrderBy(orderBy), ("page_token", pageToken)],
            cancellationToken).ConfigureAwait(false);
        return new Page<ModelVersion>([.. (response.ModelVersions ?? []).Select(v => v.ToModelVersion())], NullIfEmpty(response.NextPageToken));
    }

    public Task SetModelVersionTagAsync(string name, int version, ModelTag tag, RegistryActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return WriteAsync<SetModelVersionTagRequest, EmptyResponse>(
            HttpMethod.Post,
            MlflowPrefix + "model-versions/set-tag",
            new SetModelVersionTagRequest { Name = name, Version = RegistryConversions.VersionText(version), Key = tag.Key, Value = tag.Value },
            actor,
            cancellationToken);
    }

    public Task DeleteModelVersionTagAsync(string name, int version, string key, RegistryActor actor, CancellationToken cancellationToken) =>
        WriteAsync<DeleteModelVersionTagRequest, EmptyResponse>(
            HttpMethod.Delete,
            MlflowPrefix + "model-versions/delete-tag",
            new DeleteModelVersionTagRequest { Name = name, Version = RegistryConversions.VersionText(version), Key = key },
            actor,
            cancellationToken);

    public async Task<ModelVersion> TransitionModelVersionStageAsync(string name, int version, string stage, bool archiveExistingVersions, RegistryActor actor, CancellationToken cancellationToken)
    {
        var response = await WriteAsync<TransitionModelVersionStageRequest, ModelVersionResponse>(
            HttpMethod.Post,
            MlflowPrefix + "model-versions/transition-stage",
            new TransitionModelVersionStageRequest { Name = name, Version = RegistryConversions.VersionText(version), Stage = stage, ArchiveExistingVersions = archiveExistingVersions },
            actor,
            cancellationToken).ConfigureAwait(false);
        return Required(response.ModelVersion, "model_version", "model-versions/transition-stage").ToModelVersion();
    }

    public async Task<IReadOnlyList<ModelVersion>> GetLatestVersionsAsync(string name, IReadOnlyList<string>? stages, CancellationToken cancellationToken)
    {
        var response = await ReadAsync<ModelVersionsResponse>(
            MlflowPrefix + "registered-models/get-latest-versions",
            [("name", name), .. (stages ?? []).Select(s => ("stages", (string?)s))],
            cancellationToken).ConfigureAwait(false);
        return [.. (response.ModelVersions ?? []).Select(v => v.ToModelVersion())];
    }

    /// <summary>MLflow's alias set; with <paramref name="details"/>, Gyre's <c>aliases/set</c>, which records them in the audit entry.</summary>
    public Task SetAliasAsync(string name, string aliasName, int version, RegistryActor actor, CancellationToken cancellationToken, string? details = null) =>
        details is null
            ? WriteAsync<SetRegisteredModelAliasRequest, EmptyResponse>(
                HttpMethod.Post,
                MlflowPrefix + "registered-models/alias",
                new SetRegisteredModelAliasRequest { Name = name, Alias = aliasName, Version = RegistryConversions.VersionText(version) },
                actor,
                cancellationToken)
            : WriteAsync<SetGyreAliasRequest, EmptyResponse>(
                HttpMethod.Post,
                GyrePrefix + "aliases/set",
                new SetGyreAliasRequest { Name = name, Alias = aliasName, Version = RegistryConversions.VersionText(version), DetailsJson = details },
                actor,
                cancellationToken);

    public Task PromoteAliasAsync(string name, string aliasName, int version, int? expectedCurrentVersion, string detailsJson, RegistryActor actor, CancellationToken cancellationToken) =>
        WriteAsync<PromoteAliasRequest, EmptyResponse>(
            HttpMethod.Post,
            GyrePrefix + "aliases/promote",
            new PromoteAliasRequest
            {
                Name = name,
                Alias = aliasName,
                Version = RegistryConversions.VersionText(version),
                ExpectedCurrentVersion = expectedCurrentVersion is { } expected ? RegistryConversions.VersionText(expected) : null,
                DetailsJson = detailsJson,
            },
            actor,
            cancellationToken);

    public Task DeleteAliasAsync(string name, string aliasName, RegistryActor actor, CancellationToken cancellationToken) =>
        WriteAsync<DeleteRegisteredModelAliasRequest, EmptyResponse>(
            HttpMethod.Delete, MlflowPrefix + "registered-models/alias", new DeleteRegisteredModelAliasRequest { Name = name, Alias = aliasName }, actor, cancellationToken);

    public async Task<ModelVersion> GetModelVersionByAliasAsync(string name, string aliasName, CancellationToken cancellationToken)
    {
        var response = await ReadAsync<ModelVersionResponse>(MlflowPrefix + "registered-models/alias", [("name", name), ("alias", aliasName)], cancellationToken).ConfigureAwait(false);
        return Required(response.ModelVersion, "model_version", "registered-models/alias").ToModelVersion();
    }

    public Task AppendAuditAsync(string name, string action, int? version, string? aliasName, string? detailsJson, RegistryActor actor, CancellationToken cancellationToken) =>
        WriteAsync<AppendAuditRequest, EmptyResponse>(
            HttpMethod.Post,
            GyrePrefix + "audit/append",
            new AppendAuditRequest
            {
                Name = name,
                Action = action,
                Version = version is { } number ? RegistryConversions.VersionText(number) : null,
                Alias = aliasName,
                DetailsJson = detailsJson,
            },
            actor,
            cancellationToken);

    public async Task<IReadOnlyList<AuditEntry>> GetAuditLogAsync(string name, CancellationToken cancellationToken)
    {
        var response = await ReadAsync<GetAuditLogResponse>(GyrePrefix + "audit/get", [("name", name)], cancellationToken).ConfigureAwait(false);
        return [.. (response.Entries ?? []).Select(e => e.ToAuditEntry())];
    }

    public void Dispose() => transport.Dispose();

    /// <summary>A GET with query parameters (null values left out); retried as a read.</summary>
    private async Task<TResponse> ReadAsync<TResponse>(string path, IEnumerable<(string Name, string? Value)> query, CancellationToken cancellationToken)
        where TResponse : new()
    {
        var queryText = string.Join('&', query.Where(q => q.Value is not null).Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value!)}"));
        var url = queryText.Length == 0 ? path : path + "?" + queryText;
        using var response = await transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), RetryMode.Idempotent, cancellationToken).ConfigureAwait(false);
        return await MlflowHttpTransport.ReadAsync<TResponse>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A write with a JSON body and the actor's headers; retried only when the server cannot have applied it.</summary>
    private async Task<TResponse> WriteAsync<TRequest, TResponse>(HttpMethod method, string path, TRequest request, RegistryActor actor, CancellationToken cancellationToken)
        where TResponse : new()
    {
        ArgumentNullException.ThrowIfNull(actor);
        var body = MlflowJson.SerializeToUtf8Bytes(request);
        using var response = await transport.SendAsync(
            () =>
            {
                var message = new HttpRequestMessage(method, path) { Content = MlflowHttpTransport.JsonContent(body) };
                if (!string.IsNullOrEmpty(actor.User))
                {
                    message.Headers.Add(RegistryActorHeaders.User, RegistryActorHeaders.Encode(actor.User));
                }

                if (!string.IsNullOrEmpty(actor.Reason))
                {
                    message.Headers.Add(RegistryActorHeaders.Reason, RegistryActorHeaders.Encode(actor.Reason));
                }

                return message;
            },
            RetryMode.NotIdempotent,
            cancellationToken).ConfigureAwait(false);
        return await MlflowHttpTransport.ReadAsync<TResponse>(response, cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<(string Name, string? Value)> OrderBy(IReadOnlyList<string>? orderBy) =>
        (orderBy ?? []).Select(o => ("order_by", (string?)o));

    private static List<TagJson>? ToJson(IReadOnlyList<ModelTag>? tags) => tags is null ? null : [.. tags.Select(t => t.ToJson())];

    private static string? NullIfEmpty(string? token) => string.IsNullOrEmpty(token) ? null : token;

    private static T Required<T>(T? value, string field, string endpoint)
        where T : class =>
        value ?? throw new GyreException(ErrorKind.Internal, $"The tracking server's answer to {endpoint} has no '{field}'.");
}
