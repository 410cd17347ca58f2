using Gyre.Server.Api;
using Gyre.Tracking.Access;
using Gyre.Tracking.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Gyre.Hosting;

namespace Gyre.Server.Http;

/// <summary>
/// The <c>--auth</c> gate, after routing: every route needs an API token of at least the role its
/// <see cref="ApiRoute"/> declares (unmatched paths need <see cref="ApiTokenRole.Read"/>), except routes marked
/// anonymous (<c>/health</c>). The token comes as <c>Authorization: Bearer SECRET</c> or <c>Basic</c> with any
/// user name and the secret as password (what MLflow clients send from MLFLOW_TRACKING_TOKEN or
/// MLFLOW_TRACKING_USERNAME/PASSWORD). Missing, unknown or revoked → 401 UNAUTHENTICATED with a
/// <c>WWW-Authenticate</c> challenge; too weak a role → 403 PERMISSION_DENIED.
/// </summary>
internal sealed class ApiTokenAuthentication(RequestDelegate next, ApiTokenCache tokens)
{
    public const string Challenge = "Bearer, Basic realm=\"gyre\"";

    public async Task InvokeAsync(HttpContext context)
    {
        var route = context.GetEndpoint()?.Metadata.GetMetadata<ApiRoute>();
        if (route?.AllowAnonymous == true)
        {
            await next(context);
            return;
        }

        var required = route?.Role ?? ApiTokenRole.Read;
        var secret = AuthorizationSecret.Read(context.Request.Headers.Authorization.ToString());
        if (secret is null)
        {
            await UnauthenticatedAsync(context, "Authentication required: send an API token as 'Authorization: Bearer TOKEN' (or Basic, with the token as password).");
            return;
        }

        var token = await tokens.FindAsync(secret, context.RequestAborted);
        if (token is null || token.IsRevoked)
        {
            await UnauthenticatedAsync(context, token is null ? "Invalid API token." : $"API token '{token.Name}' was revoked.");
            return;
        }

        if (token.Role < required)
        {
            await ApiResponses.WriteErrorAsync(
                context,
                MlflowErrorCodes.PermissionDenied,
                $"Permission denied: {context.Request.Method} {context.Request.Path} needs a token with role '{RoleName(required)}'; token '{token.Name}' has role '{RoleName(token.Role)}'.");
            return;
        }

        context.Features.Set(new AuthenticatedCaller(token.Name));
        await next(context);
    }

    /// <summary>The lowercase role name used on the command line and in messages.</summary>
    public static string RoleName(ApiTokenRole role) => role.ToString().ToLowerInvariant();

    private static Task UnauthenticatedAsync(HttpContext context, string message)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = Challenge;
        return ApiResponses.WriteErrorAsync(context, MlflowErrorCodes.Unauthenticated, message);
    }
}
