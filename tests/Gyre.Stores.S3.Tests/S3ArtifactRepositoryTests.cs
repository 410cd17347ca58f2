using System.Text;
using Amazon.S3.Model;
using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tracking.Artifacts;
using Gyre.Tracking.Tests.Artifacts;

namespace Gyre.Stores.S3.Tests;

/// <summary>The artifact repository contract on a real S3-compatible server, plus what only S3 has (keys, pages, buckets).</summary>
public sealed class S3ArtifactRepositoryTests(S3TestServer server) : ArtifactRepositoryContract
{
    private S3ArtifactRepository S3 => (S3ArtifactRepository)Repository;

    protected override Task<IArtifactRepository> CreateRepositoryAsync(CancellationToken cancellationToken)
        => Task.FromResult<IArtifactRepository>(server.CreateRepository());

    protected override ValueTask DisposeRepositoryAsync(IArtifactRepository repository)
    {
        ((S3ArtifactRepository)repository).Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void RootUri_IsTheBucketAndPrefix()
        => Assert.Equal($"s3://{S3TestServer.Bucket}/{S3.Prefix}", Repository.RootUri);

    [Fact]
    public async Task WriteAsync_File_IsStoredAsTheObjectPrefixSlashPath()
    {
        await WriteTextAsync("model/m.json", "{}");

        using var raw = server.CreateRawClient();
        var listing = await raw.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3TestServer.Bucket, Prefix = S3.Prefix + "/" }, Ct);
        Assert.Equal([$"{S3.Prefix}/model/m.json"], listing.S3Objects.Select(item => item.Key));
    }

    [Fact]
    public async Task ListAndDelete_MoreThanOnePageOfObjects_CoverEveryObject()
    {
        const int Files = 1_005;
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(Enumerable.Range(0, Files).Select(async i =>
        {
            await gate.WaitAsync(Ct);
            try
            {
                using var content = new MemoryStream(Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                await Repository.WriteAsync($"many/f{i:D4}.txt", content, Ct);
            }
            finally
            {
                gate.Release();
            }
        }));
        await WriteTextAsync("keep.txt", "k");

        var listed = await Repository.ListAsync("many", Ct);
        Assert.Equal(Enumerable.Range(0, Files).Select(i => $"many/f{i:D4}.txt"), listed.Select(item => item.Path));

        await Repository.DeleteAsync("many", Ct);

        Assert.Empty(await Repository.ListAsync("many", Ct));
        Assert.Equal([new ArtifactInfo("keep.txt", false, 1)], await Repository.ListAsync(null, Ct));
    }

    [Fact]
    public async Task EveryMethod_MissingBucket_ThrowsNotFoundNamingTheBucket()
    {
        using var missing = S3ArtifactRepository.Create("s3://no-such-bucket/prefix", server.Settings);

        foreach (var call in new Func<Task>[]
        {
            () => missing.WriteAsync("a.txt", new MemoryStream([1]), Ct),
            () => missing.OpenReadAsync("a.txt", Ct),
            () => missing.ListAsync(null, Ct),
        })
        {
            var error = await AssertThrowsGyreAsync(ErrorKind.NotFound, call);
            Assert.Contains("no-such-bucket", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WriteAsync_UnknownAccessKey_ThrowsInvalidInputNamingTheObject()
    {
        using var refused = S3ArtifactRepository.Create($"s3://{S3TestServer.Bucket}/{S3.Prefix}", server.Settings with { AccessKey = "UNKNOWN" });

        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => refused.WriteAsync("a.txt", new MemoryStream([1]), Ct));

        Assert.Contains($"s3://{S3TestServer.Bucket}/{S3.Prefix}/a.txt", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Repository.ListAsync(null, Ct));
    }
}
