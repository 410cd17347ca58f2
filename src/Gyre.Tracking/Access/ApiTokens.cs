namespace Gyre.Tracking.Access;

/// <summary>What a tracking-server API token may do. Each role includes the ones before it.</summary>
public enum ApiTokenRole
{
    /// <summary>Every GET and search route.</summary>
    Read,

    /// <summary>Read, plus every route that logs or changes experiments, runs and artifacts.</summary>
    Write,

    /// <summary>Write, plus token management.</summary>
    Admin,
}

/// <summary>An API token's record; the secret itself is never stored, only its SHA-256 hash. Times are Unix ms.</summary>
public sealed record ApiToken(string Id, string Name, ApiTokenRole Role, long CreationTime, long? RevokedTime)
{
    public bool IsRevoked => RevokedTime is not null;
}

/// <summary>A newly created token and its secret, shown once to the user.</summary>
public sealed record IssuedApiToken(ApiToken Token, string Secret);

/// <summary>
/// API tokens for the tracking server's <c>--auth</c> mode, kept in the tracking database so that every
/// server sharing a backend accepts the same tokens. Thread-safe.
/// </summary>
public interface IApiTokenStore
{
    /// <summary>Creates a token with a new random secret (≥ 256 bits, URL-safe). <paramref name="name"/> labels it (1..250 chars).</summary>
    Task<IssuedApiToken> CreateTokenAsync(string name, ApiTokenRole role, CancellationToken cancellationToken);

    /// <summary>The token whose secret is <paramref name="secret"/>, or null (unknown). Revoked tokens are returned (check IsRevoked).</summary>
    Task<ApiToken?> FindTokenAsync(string secret, CancellationToken cancellationToken);

    /// <summary>Every token, newest first.</summary>
    Task<IReadOnlyList<ApiToken>> ListTokensAsync(CancellationToken cancellationToken);

    /// <summary>Revokes a token (idempotent); NotFound for an unknown id.</summary>
    Task RevokeTokenAsync(string id, CancellationToken cancellationToken);
}
