using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Gyre.Core;
using Gyre.Tracking.Access;

namespace Gyre.Stores.Sql;

public abstract partial class SqlTrackingStore
{
    /// <summary>Every secret starts with this, so leaked tokens are recognisable (e.g. by secret scanners).</summary>
    private const string SecretPrefix = "gyre_";

    private const int SecretBytes = 32;
    private const int MaxTokenNameLength = 250;
    private const string TokenColumns = "token_id, name, role, creation_time, revoked_time";

    /// <summary>Creates a token whose secret is <c>gyre_</c> and 32 random bytes in base64url; only the secret's SHA-256 is stored.</summary>
    public async Task<IssuedApiToken> CreateTokenAsync(string name, ApiTokenRole role, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxTokenNameLength)
        {
            throw GyreException.InvalidInput($"Invalid value for parameter 'name': a token name is 1 to {MaxTokenNameLength} characters and not blank.");
        }

        var roleText = RoleText(role);
        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        var token = new ApiToken(Guid.NewGuid().ToString("N"), name, role, NowMilliseconds(), null);
        await WriteAsync(
            session => session.ExecuteAsync(
                """
                INSERT INTO api_tokens (token_id, name, role, secret_sha256, creation_time, revoked_time)
                VALUES (@id, @name, @role, @hash, @created, NULL)
                """,
                cancellationToken,
                ("@id", token.Id),
                ("@name", token.Name),
                ("@role", roleText),
                ("@hash", SecretHash(secret)),
                ("@created", token.CreationTime)),
            cancellationToken);
        return new IssuedApiToken(token, secret);
    }

    public async Task<ApiToken?> FindTokenAsync(string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var found = await ReadAsync(
            session => session.QueryAsync($"SELECT {TokenColumns} FROM api_tokens WHERE secret_sha256 = @hash", ReadToken, cancellationToken, ("@hash", SecretHash(secret))),
            cancellationToken);
        return found.Count == 1 ? found[0] : null;
    }

    public async Task<IReadOnlyList<ApiToken>> ListTokensAsync(CancellationToken cancellationToken) =>
        await ReadAsync(session => session.QueryAsync($"SELECT {TokenColumns} FROM api_tokens ORDER BY seq DESC", ReadToken, cancellationToken), cancellationToken);

    /// <summary>Revokes the token (idempotent: the first revocation time is kept); NotFound for an unknown id.</summary>
    public async Task RevokeTokenAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await WriteAsync(
            async session =>
            {
                var changed = await session.ExecuteAsync(
                    "UPDATE api_tokens SET revoked_time = COALESCE(revoked_time, @now) WHERE token_id = @id",
                    cancellationToken,
                    ("@now", NowMilliseconds()),
                    ("@id", id));
                if (changed == 0)
                {
                    throw GyreException.NotFound($"No API token with id={id} exists");
                }
            },
            cancellationToken);
    }

    private static ApiToken ReadToken(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2) switch
        {
            "read" => ApiTokenRole.Read,
            "write" => ApiTokenRole.Write,
            _ => ApiTokenRole.Admin,
        },
        reader.GetInt64(3),
        reader.IsDBNull(4) ? null : reader.GetInt64(4));

    private static string RoleText(ApiTokenRole role) => role switch
    {
        ApiTokenRole.Read => "read",
        ApiTokenRole.Write => "write",
        ApiTokenRole.Admin => "admin",
        _ => throw GyreException.InvalidInput($"Invalid value '{role}' for parameter 'role': expected read, write or admin."),
    };

    /// <summary>Lowercase hex SHA-256 of the secret's UTF-8 bytes.</summary>
    private static string SecretHash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
