using Gyre.Server.Api;
using Gyre.Server.Http;
using Gyre.Tracking.Access;
using Gyre.Tracking.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Gyre.Server.Ui;

/// <summary>
/// The web UI's static files: <c>GET /</c> → 302 to <c>/ui/</c>; <c>GET /ui/</c> → <c>index.html</c>;
/// <c>GET /ui/{file}</c> → the file (content type by extension, strong <c>ETag</c> honouring <c>If-None-Match</c>
/// with 304, <c>Cache-Control: no-cache</c>, the <see cref="ContentSecurityPolicy"/>), 404 ENDPOINT_NOT_FOUND for
/// unknown files. Anonymous even under <c>--auth</c> (the files hold no data; every data call carries the token),
/// so these routes are not in <see cref="ApiRoutes.All"/> (whose only anonymous route is <c>/health</c>).
/// Files come from the embedded resources, or from the folder named by <see cref="DevFolderVariable"/> when set.
/// </summary>
public static class UiAssets
{
    /// <summary>Names a folder to serve the UI from instead of the embedded files (read per request).</summary>
    public const string DevFolderVariable = "GYRE_UI_DEV_DIR";

    /// <summary>The CSP header sent with every UI file (and every artifact the UI previews).</summary>
    public const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'";

    private const string IndexFile = "index.html";

    /// <summary>The static routes over the UI files chosen by <paramref name="environmentVariable"/> (see <see cref="DevFolderVariable"/>).</summary>
    public static IReadOnlyList<ApiRoute> Routes(Func<string, string?> environmentVariable)
    {
        ArgumentNullException.ThrowIfNull(environmentVariable);
        var folder = environmentVariable(DevFolderVariable);
        IUiAssetSource source = string.IsNullOrWhiteSpace(folder) ? EmbeddedUiAssets.Instance : new FolderUiAssets(folder);
        return
        [
            new(HttpMethods.Get, "/", ApiTokenRole.Read, RedirectToUi) { AllowAnonymous = true },
            new(HttpMethods.Get, "/ui/{**file}", ApiTokenRole.Read, context => ServeAsync(context, source)) { AllowAnonymous = true },
        ];
    }

    public static IEndpointRouteBuilder MapUi(this IEndpointRouteBuilder endpoints, Func<string, string?> environmentVariable) =>
        endpoints.MapApiRoutes(Routes(environmentVariable));

    /// <summary>Adds the headers every UI-served response carries: CSP, no MIME sniffing, no framing by other sites.</summary>
    internal static void AddSecurityHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "SAMEORIGIN";
    }

    private static Task RedirectToUi(HttpContext context)
    {
        context.Response.Redirect("/ui/");
        return Task.CompletedTask;
    }

    private static async Task ServeAsync(HttpContext context, IUiAssetSource source)
    {
        var requestPath = context.Request.Path.Value ?? "";
        if (!requestPath.StartsWith("/ui/", StringComparison.Ordinal))
        {
            // "/ui" without the slash: the page's relative links need the folder form.
            context.Response.Redirect("/ui/");
            return;
        }

        var file = context.GetRouteValue("file") as string;
        var path = string.IsNullOrEmpty(file) ? IndexFile : file.EndsWith('/') ? file + IndexFile : file;
        var asset = source.Find(path);
        if (asset is null)
        {
            await ApiResponses.WriteErrorAsync(context, MlflowErrorCodes.EndpointNotFound, $"No UI file '{path}'.");
            return;
        }

        var response = context.Response;
        AddSecurityHeaders(response);
        response.Headers.CacheControl = "no-cache";
        response.Headers.ETag = asset.ETag;
        if (MatchesETag(context.Request.Headers.IfNoneMatch.ToString(), asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        await response.Body.WriteAsync(asset.Content, context.RequestAborted);
    }

    /// <summary>Whether an If-None-Match header (a list of ETags, weak ones allowed, or '*') names <paramref name="etag"/>.</summary>
    private static bool MatchesETag(string ifNoneMatch, string etag)
    {
        if (string.IsNullOrWhiteSpace(ifNoneMatch))
        {
            return false;
        }

        return ifNoneMatch.Split(',').Select(tag => tag.Trim()).Any(tag => tag == "*" || tag == etag || tag == "W/" + etag);
    }
}
