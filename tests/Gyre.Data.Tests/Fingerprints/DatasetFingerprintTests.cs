using System.Security.Cryptography;
using System.Text;
using Gyre.Core;
using Gyre.Data.Fingerprints;

namespace Gyre.Data.Tests.Fingerprints;

public sealed class DatasetFingerprintTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ComputeAsync_KnownContent_IsLowercaseHexSha256()
    {
        // sha256 of "abc" is the FIPS 180-2 test vector.
        var path = _temp.Write("abc.csv", "abc");
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", await DatasetFingerprint.ComputeAsync(path, Ct));
    }

    [Fact]
    public async Task ComputeAsync_LargeFile_MatchesOneShotHash()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 50_000).Select(i => $"{i},row\n")));
        var path = _temp.WriteBytes("big.csv", bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), await DatasetFingerprint.ComputeAsync(path, Ct));
    }

    [Fact]
    public async Task ComputeAsync_MissingFile_ThrowsNotFound()
    {
        var ex = await Assert.ThrowsAsync<GyreException>(() => DatasetFingerprint.ComputeAsync(_temp.File("no.csv"), Ct));
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
        Assert.Contains("no.csv", ex.Message, StringComparison.Ordinal);
    }
}
