using Gyre.Tracking.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gyre.Server.Http;

/// <summary>
/// Refuses (400 INVALID_PARAMETER_VALUE) request targets with '.' or '..' path segments, also percent-encoded or
/// '\'-separated. Kestrel would silently resolve them to another route; no MLflow route has such segments, and
/// for artifact paths they are traversal attempts that must be answered as errors.
/// </summary>
internal sealed class DotSegmentGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var path = raw.Split('?', 2)[0];
        if (path.StartsWith('/') && HasDotSegment(path))
        {
            return ApiResponses.WriteErrorAsync(context, MlflowErrorCodes.InvalidParameterValue, "Invalid path: '.' and '..' path segments are not allowed.");
        }

        return next(context);
    }

    private static bool HasDotSegment(string path)
    {
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(path);
        }
        catch (UriFormatException)
        {
            return true;
        }

        return decoded.Split('/', '\\').Any(segment => segment is "." or "..");
    }
}
