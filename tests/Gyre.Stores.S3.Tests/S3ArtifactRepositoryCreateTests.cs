using Gyre.Core;

namespace Gyre.Stores.S3.Tests;

public sealed class S3ArtifactRepositoryCreateTests
{
    private static readonly S3ConnectionSettings Settings = new() { ServiceUrl = new Uri("http://127.0.0.1:9"), AccessKey = "k", SecretKey = "s", ForcePathStyle = true };

    [Theory]
    [InlineData("s3://bucket", "bucket", "", "s3://bucket")]
    [InlineData("s3://bucket/", "bucket", "", "s3://bucket")]
    [InlineData("s3://my-bucket/mlruns/team a/", "my-bucket", "mlruns/team a", "s3://my-bucket/mlruns/team a")]
    [InlineData("S3://bucket.with.dots/p", "bucket.with.dots", "p", "s3://bucket.with.dots/p")]
    public void Create_ValidUri_SplitsBucketAndPrefix(string uri, string bucket, string prefix, string rootUri)
    {
        using var repository = S3ArtifactRepository.Create(uri, Settings);

        Assert.Equal(bucket, repository.Bucket);
        Assert.Equal(prefix, repository.Prefix);
        Assert.Equal(rootUri, repository.RootUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bucket/prefix")]
    [InlineData("http://bucket/prefix")]
    [InlineData("s3://")]
    [InlineData("s3:///prefix")]
    [InlineData("s3://b/prefix")]
    [InlineData("s3://bucket name/prefix")]
    [InlineData("s3://bucket/a/../../other")]
    [InlineData("s3://bucket/%2e%2e/other")]
    [InlineData("s3://bucket/a//b")]
    [InlineData("s3://bucket/prefix?versionId=1")]
    [InlineData("s3://bucket/prefix#x")]
    public void Create_InvalidUri_ThrowsInvalidInputNamingIt(string uri)
    {
        var error = Assert.Throws<GyreException>(() => S3ArtifactRepository.Create(uri, Settings));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains($"'{uri}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_AccessKeyWithoutSecretKey_ThrowsInvalidInput()
        => Assert.Equal(ErrorKind.InvalidInput, Assert.Throws<GyreException>(() => S3ArtifactRepository.Create("s3://bucket", Settings with { SecretKey = null })).Kind);

    [Fact]
    public void Create_NonHttpServiceUrl_ThrowsInvalidInput()
        => Assert.Equal(ErrorKind.InvalidInput, Assert.Throws<GyreException>(() => S3ArtifactRepository.Create("s3://bucket", Settings with { ServiceUrl = new Uri("ftp://host") })).Kind);
}
