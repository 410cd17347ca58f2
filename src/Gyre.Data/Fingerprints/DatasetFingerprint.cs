using System.Security.Cryptography;
using Gyre.Core;

namespace Gyre.Data.Fingerprints;

/// <summary>Identifies a data file by its content.</summary>
public static class DatasetFingerprint
{
    /// <summary>
    /// The lowercase hex SHA-256 of the file's bytes (64 characters), read streaming. Throws NotFound for a
    /// missing file.
    /// </summary>
    public static async Task<string> ComputeAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw GyreException.NotFound($"Data file '{path}' does not exist.");
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return Convert.ToHexStringLower(hash);
    }
}
