using Gyre.Tracking.Access;
using Gyre.Tracking.Artifacts;
using Gyre.Tracking.Protocol;
using Gyre.Tracking.Protocol.Messages;
using Gyre.Server.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Gyre.Server.Api;

/// <summary>
/// MLflow's artifact proxy, <c>/api/2.0/mlflow-artifacts/artifacts</c> (also under <c>/ajax-api/2.0/</c>): paths map
/// straight onto the server's artifact repository (runs' files are <c>EXPERIMENT/RUN/artifacts/...</c>).
/// <c>GET artifacts/P</c> streams the file (<c>Content-Disposition: attachment</c>, guessed Content-Type,
/// <c>X-Content-Type-Options: nosniff</c>); <c>PUT artifacts/P</c> streams the request body into the file
/// (no size limit, no minimum data rate) and answers <c>{}</c>; <c>DELETE artifacts/P</c> removes a file or folder; <c>GET artifacts?path=D</c>
/// lists folder D with base names. Unsafe paths (see <see cref="ArtifactPath"/>) are 400 before anything is touched.
/// </summary>
public static class ArtifactProxyApi
{
    public static readonly IReadOnlyList<string> Prefixes = ["/api/2.0/mlflow-artifacts/artifacts", "/ajax-api/2.0/mlflow-artifacts/artifacts"];

    private const int CopyBufferSize = 1024 * 1024;

    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();

    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        .. Prefixes.SelectMany(prefix => new ApiRoute[]
        {
            new(HttpMethods.Get, prefix, ApiTokenRole.Read, ListAsync),
            new(HttpMethods.Get, prefix + "/{**path}", ApiTokenRole.Read, DownloadAsync),
            new(HttpMethods.Put, prefix + "/{**path}", ApiTokenRole.Write, UploadAsync),
            new(HttpMethods.Delete, prefix + "/{**path}", ApiTokenRole.Write, DeleteAsync),
        }),
    ];

    public static IEndpointRouteBuilder MapArtifactProxyApi(this IEndpointRouteBuilder endpoints) => endpoints.MapApiRoutes(Routes);

    private static async Task ListAsync(HttpContext context)
    {
        var folder = ArtifactPath.Normalize(context.Request.Query["path"].ToString());
        var items = await Repository(context).ListAsync(folder, context.RequestAborted);
        var files = items.Select(item => item.ToJson(item.Path[(item.Path.LastIndexOf('/') + 1)..])).ToList();
        await ApiResponses.WriteJsonAsync(context, StatusCodes.Status200OK, new ListProxiedArtifactsResponse { Files = files });
    }

    private static async Task DownloadAsync(HttpContext context)
    {
        var path = RequestPath(context);
        await using var content = await Repository(context).OpenReadAsync(path, context.RequestAborted);
        if (context.Features.Get<IHttpMinResponseDataRateFeature>() is { } minimumRate)
        {
            minimumRate.MinDataRate = null;
        }

        var fileName = path[(path.LastIndexOf('/') + 1)..];
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GuessContentType(fileName);
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName, FileName = AsciiFileName(fileName) }.ToString();
        if (content.CanSeek)
        {
            response.ContentLength = content.Length - content.Position;
        }

        await content.CopyToAsync(response.Body, CopyBufferSize, context.RequestAborted);
    }

    private static async Task UploadAsync(HttpContext context)
    {
        var path = RequestPath(context);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = null;
        }

        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minimumRate)
        {
            minimumRate.MinDataRate = null;
        }

        await Repository(context).WriteAsync(path, context.Request.Body, context.RequestAborted);
        await ApiResponses.WriteJsonAsync(context, StatusCodes.Status200OK, EmptyResponse.Instance);
    }

    private static async Task DeleteAsync(HttpContext context)
    {
        await Repository(context).DeleteAsync(RequestPath(context), context.RequestAborted);
        await ApiResponses.WriteJsonAsync(context, StatusCodes.Status200OK, EmptyResponse.Instance);
    }

    /// <summary>The file path of the request, checked: Kestrel has decoded it except for %2F, which <see cref="ArtifactPath"/> refuses.</summary>
    private static string RequestPath(HttpContext context)
    {
        var path = ArtifactPath.Normalize(context.Request.RouteValues["path"] as string);
        return path.Length > 0 ? path : throw RequiredParameters.Missing("path");
    }

    private static IArtifactRepository Repository(HttpContext context) => context.RequestServices.GetRequiredService<TrackingServices>().Artifacts;

    /// <summary>Like MLflow's guess: by extension, MLflow's own extensionless text files as text, else octet-stream.</summary>
    private static string GuessContentType(string fileName) =>
        ContentTypes.TryGetContentType(fileName, out var type) ? type
        : fileName is "MLmodel" or "MLproject" or "conda.yaml" ? "text/plain"
        : "application/octet-stream";

    private static string AsciiFileName(string fileName) =>
        new([.. fileName.Select(c => char.IsAscii(c) && !char.IsControl(c) && c != '"' ? c : '_')]);

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".yaml"] = "text/plain";
        provider.Mappings[".yml"] = "text/plain";
        provider.Mappings[".log"] = "text/plain";
        provider.Mappings[".py"] = "text/plain";
        provider.Mappings[".parquet"] = "application/octet-stream";
        return provider;
    }
}
