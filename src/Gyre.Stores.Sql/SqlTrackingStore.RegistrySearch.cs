using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tracking.Search;

namespace Gyre.Stores.Sql;

public abstract partial class SqlTrackingStore
{
    /// <summary>Filter, order and paging run in SQL; page tokens are MLflow's offset tokens.</summary>
    public async Task<Page<Registry.RegisteredModel>> SearchRegisteredModelsAsync(string? filter, int maxResults, IReadOnlyList<string>? orderBy, string? pageToken, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateMaxResults(maxResults, RegistryValidation.MaxModelSearchResults);
        var offset = OffsetPageToken.Decode(pageToken);
        var clauses = RegisteredModelSearchSyntax.ParseFilter(filter);
        var order = RegisteredModelSearchSyntax.ParseOrderBy(orderBy);
        var (sql, parameters) = RegistrySearchSql.BuildModels(Dialect, ModelColumns, clauses, order, maxResults + 1L, offset);
        var rows = await ReadAsync(
            async session =>
            {
                await using var command = session.Command(sql, parameters);
                return await ReadModelsAsync(session, command, cancellationToken);
            },
            cancellationToken);
        return ToPage(rows, maxResults, offset);
    }

    /// <summary>Filter, order and paging run in SQL; page tokens are MLflow's offset tokens.</summary>
    public async Task<Page<Registry.ModelVersion>> SearchModelVersionsAsync(string? filter, int maxResults, IReadOnlyList<string>? orderBy, string? pageToken, CancellationToken cancellationToken)
    {
        RegistryValidation.ValidateMaxResults(maxResults, RegistryValidation.MaxVersionSearchResults);
        var offset = OffsetPageToken.Decode(pageToken);
        var clauses = ModelVersionSearchSyntax.ParseFilter(filter);
        var order = ModelVersionSearchSyntax.ParseOrderBy(orderBy);
        var (sql, parameters) = RegistrySearchSql.BuildVersions(Dialect, VersionColumns, VersionSource, clauses, order, maxResults + 1L, offset);
        var rows = await ReadAsync(
            async session =>
            {
                await using var command = session.Command(sql, parameters);
                return (await ReadVersionsAsync(session, command, cancellationToken)).Select(r => r.Version).ToList();
            },
            cancellationToken);
        return ToPage(rows, maxResults, offset);
    }
}
