using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Gyre.Serving.Protocols;
using Microsoft.AspNetCore.Http;
using Gyre.Hosting;

namespace Gyre.Serving.Security;

/// <summary>
/// The <c>--auth</c> gate (middleware, only installed when auth is on): every route but the health probes needs an API
/// token as <c>Authorization: Bearer SECRET</c> (or Basic with the secret as password); feedback needs a token that may
/// write. Missing, unknown or revoked → 401 with a <c>WWW-Authenticate</c> challenge; too weak → 403. Lookups are
/// cached for <see cref="CacheDuration"/> by the secret's SHA-256, so a revocation takes effect within it. Thread-safe.
/// </summary>
public sealed class TokenAuthentication(RequestDelegate next, IServingTokenValidator validator, TimeProvider time)
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);

    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (ServingToken? Token, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        if (path.StartsWithSegments("/v2/health", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var secret = AuthorizationSecret.Read(context.Request.Headers.Authorization.ToString());
        var token = secret is null ? null : await FindAsync(secret, context.RequestAborted);
        if (token is null || token.IsRevoked)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer, Basic realm=\"gyre\"";
            await JsonResponse.SendErrorAsync(context.Response, StatusCodes.Status401Unauthorized,
                secret is null ? "Authentication required: send an API token as 'Authorization: Bearer TOKEN'."
                : token is null ? "Invalid API token." : $"API token '{token.Name}' was revoked.");
            return;
        }

        if (!token.CanWrite && HttpMethods.IsPost(context.Request.Method) && path.Value!.EndsWith("/feedback", StringComparison.Ordinal))
        {
            await JsonResponse.SendErrorAsync(context.Response, StatusCodes.Status403Forbidden, $"Permission denied: feedback needs a token with role 'write'; token '{token.Name}' has role 'read'.");
            return;
        }

        await next(context);
    }

    private async Task<ServingToken?> FindAsync(string secret, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached.Token;
        }

        var token = await validator.FindAsync(secret, cancellationToken);
        if (_cache.Count >= MaxEntries)
        {
            _cache.Clear();
        }

        _cache[key] = (token, now + CacheDuration);
        return token;
    }
}
