using System.Security.Cryptography;
using Amazon.S3.Model;
using Gyre.Server.Tests.Support;
using Gyre.Stores.S3.Tests;

namespace Gyre.Server.Tests.Api;

/// <summary>
/// `gyre server --artifacts-destination s3://BUCKET/PREFIX` against a real S3-compatible server (s3rver): the
/// artifact proxy and the run artifact listing read and write the bucket, with endpoint and keys taken from
/// the environment variables MLflow uses.
/// </summary>
public sealed class S3ArtifactDestinationTests(S3TestServer s3) : IAsyncLifetime
{
    private const string Artifacts = "/api/2.0/mlflow-artifacts/artifacts";

    private readonly TempFolder folder = new();
    private readonly string prefix = "server-" + Guid.NewGuid().ToString("N");
    private TrackingServer server = null!;

    public async ValueTask InitializeAsync()
    {
        var environment = new Dictionary<string, string>
        {
            ["MLFLOW_S3_ENDPOINT_URL"] = s3.Endpoint.AbsoluteUri,
            ["AWS_ACCESS_KEY_ID"] = "S3RVER",
            ["AWS_SECRET_ACCESS_KEY"] = "S3RVER",
        };
        server = await TrackingServer.StartAsync(
            new TrackingServerOptions
            {
                BackendStoreUri = "sqlite:///" + folder.Combine("gyre.db"),
                ArtifactsDestination = $"s3://{S3TestServer.Bucket}/{prefix}",
                Port = 0,
                EnvironmentVariable = name => environment.GetValueOrDefault(name),
            },
            TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task ProxyUploadAndRunListing_LandInTheBucket()
    {
        using var client = new MlflowHttp(server.Address);
        var experiment = await client.CreateExperimentAsync();
        var run = await client.CreateRunAsync(experiment);
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var path = $"{experiment}/{run}/artifacts/model/weights.bin";

        (await client.SendAsync(HttpMethod.Put, $"{Artifacts}/{path}", new ByteArrayContent(bytes))).AssertOk();
        using var download = await client.Http.GetAsync($"{Artifacts}/{path}", TestContext.Current.CancellationToken);
        var downloaded = await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var listing = await client.GetAsync($"artifacts/list?run_id={run}&path=model");
        using var raw = s3.CreateRawClient();
        var stored = await raw.GetObjectMetadataAsync(
            new GetObjectMetadataRequest { BucketName = S3TestServer.Bucket, Key = $"{prefix}/{path}" },
            TestContext.Current.CancellationToken);

        Assert.Equal(bytes, downloaded);
        Assert.Equal(bytes.Length, stored.ContentLength);
        listing.AssertOk();
        Assert.Equal($"mlflow-artifacts:/{experiment}/{run}/artifacts", listing.Json["root_uri"]!.GetValue<string>());
        Assert.Equal("model/weights.bin", listing.Json["files"]![0]!["path"]!.GetValue<string>());
        Assert.Equal(bytes.Length, listing.Json["files"]![0]!["file_size"]!.GetValue<long>());
    }

    [Fact]
    public async Task ProxyTraversal_IsRefusedAndWritesNothing()
    {
        using var client = new MlflowHttp(server.Address);

        var result = await client.SendRawTargetAsync(HttpMethod.Put, $"{Artifacts}/a/%2e%2e/%2e%2e/escaped.txt", new StringContent("x"));
        using var raw = s3.CreateRawClient();
        var objects = await raw.ListObjectsV2Async(
            new ListObjectsV2Request { BucketName = S3TestServer.Bucket, Prefix = prefix },
            TestContext.Current.CancellationToken);

        result.AssertError(System.Net.HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        Assert.Empty(objects.S3Objects ?? []);
    }
}
