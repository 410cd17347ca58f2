using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Gyre.Tracking.Access;

namespace Gyre.Server.Http;

/// <summary>
/// Token lookups of the last <c>duration</c>, so authenticated requests do not each query the database. Keys
/// are SHA-256 hashes of the secrets; unknown secrets are cached too (a client retrying a bad token costs one
/// lookup). A revocation takes effect within the duration. Bounded: the cache is emptied when it would exceed
/// <see cref="MaxEntries"/>. Thread-safe.
/// </summary>
internal sealed class ApiTokenCache(IApiTokenStore store, TimeSpan duration, TimeProvider timeProvider)
{
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The token whose secret is <paramref name="secret"/> (revoked ones included), or null.</summary>
    public async Task<ApiToken?> FindAsync(string secret, CancellationToken cancellationToken)
    {
        if (duration <= TimeSpan.Zero)
        {
            return await store.FindTokenAsync(secret, cancellationToken);
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        var now = timeProvider.GetUtcNow();
        if (entries.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached.Token;
        }

        var token = await store.FindTokenAsync(secret, cancellationToken);
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        entries[key] = new Entry(token, now + duration);
        return token;
    }

    private sealed record Entry(ApiToken? Token, DateTimeOffset Expires);
}
