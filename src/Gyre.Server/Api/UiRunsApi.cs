using Gyre.Core;
using Gyre.Server.Http;
using Gyre.Server.Ui;
using Gyre.Tracking;
using Gyre.Tracking.Artifacts;
using Gyre.Tracking.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gyre.Server.Api;

/// <summary>The web UI's run routes: a metric's (downsampled) series, the metric keys of several runs, one artifact file.</summary>
internal static class UiRunsApi
{
    /// <summary>The largest artifact file <c>artifact</c> serves (413 above).</summary>
    public const long MaxArtifactBytes = 5 * 1024 * 1024;

    /// <summary>The most runs <c>metric-keys</c> takes at once.</summary>
    public const int MaxRuns = 100;

    /// <summary>
    /// <c>metric-series?run_id=R&amp;key=K&amp;max_points=N</c> (N 2..10000, default 1000): <see cref="MetricSeries"/>, from the
    /// store's <see cref="IMetricSeriesReader"/> when it has one, else the whole history downsampled in memory.
    /// </summary>
    public static async Task MetricSeriesAsync(HttpContext context)
    {
        var runId = new RunId(UiQuery.Required(context, "run_id"));
        var key = UiQuery.Required(context, "key");
        var maxPoints = UiQuery.Integer(context, "max_points", MetricSeriesBuckets.DefaultMaxPoints, MetricSeriesBuckets.MinMaxPoints, MetricSeriesBuckets.MaxMaxPoints);
        var store = Services(context).Store;
        var ct = context.RequestAborted;
        MetricSeries series;
        if (store is IMetricSeriesReader reader)
        {
            series = await reader.ReadMetricSeriesAsync(runId, key, maxPoints, ct);
        }
        else
        {
            var history = new List<Metric>();
            string? token = null;
            do
            {
                var page = await store.GetMetricHistoryAsync(runId, key, 25_000, token, ct);
                history.AddRange(page.Items);
                token = page.NextPageToken;
            }
            while (token is not null);
            series = MetricSeriesBuckets.Downsample(key, history, maxPoints);
        }

        await UiJson.WriteAsync(context, series);
    }

    /// <summary><c>metric-keys?run_ids=a,b,c</c> → <c>{"keys":[...]}</c>: the union of the runs' metric keys, ordinal order.</summary>
    public static async Task MetricKeysAsync(HttpContext context)
    {
        var ids = UiQuery.Required(context, "run_ids").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0 || ids.Count > MaxRuns)
        {
            throw GyreException.InvalidInput($"Invalid value for parameter 'run_ids': give 1 to {MaxRuns} comma-separated run ids.");
        }

        var store = Services(context).Store;
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var run = await store.GetRunAsync(new RunId(id), context.RequestAborted);
            keys.UnionWith(run.Data.Metrics.Select(m => m.Key));
        }

        await UiJson.WriteAsync(context, new { keys });
    }

    /// <summary>
    /// <c>artifact?run_id=R&amp;path=P</c>: the raw file from the server's artifact repository (proxied or under its local
    /// root), content type by extension, with the UI's CSP; 413 above <see cref="MaxArtifactBytes"/>; 404 when absent.
    /// </summary>
    public static async Task ArtifactAsync(HttpContext context)
    {
        var runId = new RunId(UiQuery.Required(context, "run_id"));
        var path = ArtifactPath.Normalize(UiQuery.Required(context, "path"));
        if (path.Length == 0)
        {
            throw RequiredParameters.Missing("path");
        }

        var services = Services(context);
        var ct = context.RequestAborted;
        var run = await services.Store.GetRunAsync(runId, ct);
        var root = RunArtifactRoots.RepositoryPath(run.Info.ArtifactUri, services.Artifacts);
        await using var stream = await services.Artifacts.OpenReadAsync(ArtifactPath.Combine(root, path), ct);
        if (stream.CanSeek && stream.Length > MaxArtifactBytes)
        {
            await TooLargeAsync(context, path);
            return;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxArtifactBytes)
            {
                await TooLargeAsync(context, path);
                return;
            }
        }

        UiAssets.AddSecurityHeaders(context.Response);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = UiContentTypes.ForPath(path);
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
    }

    private static Task TooLargeAsync(HttpContext context, string path) =>
        ApiResponses.WriteErrorAsync(
            context,
            MlflowErrorCodes.InvalidParameterValue,
            $"Artifact '{path}' is larger than the {MaxArtifactBytes / (1024 * 1024)} MB limit of the UI's preview; download it with the artifacts API instead.",
            StatusCodes.Status413PayloadTooLarge);

    private static TrackingServices Services(HttpContext context) => context.RequestServices.GetRequiredService<TrackingServices>();
}
