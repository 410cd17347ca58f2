namespace Gyre.Serving.Security;

/// <summary>
/// Checks API tokens for <c>--auth</c> (implemented over the tracking store's API tokens by the CLI). Thread-safe.
/// </summary>
public interface IServingTokenValidator
{
    /// <summary>The token whose secret is <paramref name="secret"/>, or null when no token has it.</summary>
    Task<ServingToken?> FindAsync(string secret, CancellationToken cancellationToken);
}

/// <summary>
/// A known API token: its <paramref name="Name"/>, whether it may send feedback (<paramref name="CanWrite"/>; every
/// token may predict) and whether it was revoked.
/// </summary>
public sealed record ServingToken(string Name, bool CanWrite, bool IsRevoked);
