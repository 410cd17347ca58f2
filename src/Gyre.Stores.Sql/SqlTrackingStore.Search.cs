using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tracking.Search;

namespace Gyre.Stores.Sql;

public abstract partial class SqlTrackingStore
{
    /// <summary>
    /// Runs of the given experiments (unknown ids match nothing) that match the filter, in the requested
    /// order (default start time newest first, then run id). Filter, order and paging run in SQL; metrics,
    /// params, tags and inputs are loaded for the returned page only. Page tokens are MLflow's offset tokens.
    /// </summary>
    public async Task<Page<Run>> SearchRunsAsync(RunSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(search.ExperimentIds);
        TrackingValidation.ValidateMaxResults(search.MaxResults);
        var offset = OffsetPageToken.Decode(search.PageToken);
        var stage = StageFilter(search.ViewType);
        var clauses = string.IsNullOrWhiteSpace(search.Filter) ? [] : RunSearchSyntax.ParseFilter(search.Filter);
        var order = search.OrderBy is null or { Count: 0 } ? [] : RunSearchSyntax.ParseOrderBy(search.OrderBy);
        var keys = new List<long>();
        foreach (var id in search.ExperimentIds)
        {
            if (TryParseExperimentId(id, out var key))
            {
                keys.Add(key);
            }
        }

        if (keys.Count == 0)
        {
            return new Page<Run>([], null);
        }

        var (sql, parameters) = RunSearchSql.Build(Dialect, RunColumns, keys, stage, clauses, order, search.MaxResults + 1L, offset);
        await Dialect.PrepareSearchAsync(cancellationToken);
        return await ReadAsync(
            async session =>
            {
                var page = ToPage(await ReadRunInfosAsync(session, sql, cancellationToken, parameters), search.MaxResults, offset);
                return new Page<Run>(await LoadRunDataAsync(session, page.Items, cancellationToken), page.NextPageToken);
            },
            cancellationToken);
    }

    /// <summary>Experiments matching the filter, in the requested order (default creation time newest first, then id descending).</summary>
    public async Task<Page<Experiment>> SearchExperimentsAsync(ExperimentSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        TrackingValidation.ValidateMaxResults(search.MaxResults);
        var offset = OffsetPageToken.Decode(search.PageToken);
        var stage = StageFilter(search.ViewType);
        var clauses = string.IsNullOrWhiteSpace(search.Filter) ? [] : ExperimentSearchSyntax.ParseFilter(search.Filter);
        var order = search.OrderBy is null or { Count: 0 } ? [] : ExperimentSearchSyntax.ParseOrderBy(search.OrderBy);
        var (sql, parameters) = ExperimentSearchSql.Build(Dialect, ExperimentColumns, stage, clauses, order, search.MaxResults + 1L, offset);
        var rows = await ReadAsync(session => ReadExperimentsAsync(session, sql, cancellationToken, parameters), cancellationToken);
        return ToPage(rows, search.MaxResults, offset);
    }
}
