using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Gyre.Server.Tests.Support;

namespace Gyre.Server.Tests.Api;

public sealed class ArtifactProxyApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Artifacts = "/api/2.0/mlflow-artifacts/artifacts";

    [Fact]
    public async Task PutGetListDelete_RoundTripsBytes()
    {
        using var client = fixture.Client();
        var folder = "rt-" + Guid.NewGuid().ToString("N");
        var bytes = RandomNumberGenerator.GetBytes(100_000);

        var put = await client.SendAsync(HttpMethod.Put, $"{Artifacts}/{folder}/model/weights.bin", new ByteArrayContent(bytes));
        (await client.SendAsync(HttpMethod.Put, $"{Artifacts}/{folder}/notes.txt", new StringContent("hello"))).AssertOk();
        using var download = await client.Http.GetAsync($"{Artifacts}/{folder}/model/weights.bin", TestContext.Current.CancellationToken);
        var downloaded = await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var root = await client.SendAsync(HttpMethod.Get, $"{Artifacts}?path={folder}");
        var nested = await client.SendAsync(HttpMethod.Get, $"{Artifacts}?path={folder}/model");
        var delete = await client.SendAsync(HttpMethod.Delete, $"{Artifacts}/{folder}/model");
        var afterDelete = await client.SendAsync(HttpMethod.Get, $"{Artifacts}?path={folder}");

        put.AssertOk();
        Assert.Equal("{}", put.Body);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, downloaded);
        Assert.Equal("""{"files":[{"path":"model","is_dir":true},{"path":"notes.txt","is_dir":false,"file_size":5}]}""", root.Body);
        Assert.Equal("""{"files":[{"path":"weights.bin","is_dir":false,"file_size":100000}]}""", nested.Body);
        delete.AssertOk();
        Assert.Equal("""{"files":[{"path":"notes.txt","is_dir":false,"file_size":5}]}""", afterDelete.Body);
        Assert.False(Directory.Exists(Path.Combine(fixture.ArtifactsFolder, folder, "model")));
    }

    [Fact]
    public async Task Get_SetsDownloadHeaders()
    {
        using var client = fixture.Client();
        var folder = "headers-" + Guid.NewGuid().ToString("N");
        (await client.SendAsync(HttpMethod.Put, $"{Artifacts}/{folder}/metrics.json", new StringContent("{}"))).AssertOk();

        using var response = await client.Http.GetAsync($"{Artifacts}/{folder}/metrics.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("metrics.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(2, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Get_MissingFile_Is404()
    {
        using var client = fixture.Client();

        var result = await client.SendAsync(HttpMethod.Get, $"{Artifacts}/missing-{Guid.NewGuid():N}/x.bin");

        result.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task List_MissingFolder_AnswersEmptyObject()
    {
        using var client = fixture.Client();

        var result = await client.SendAsync(HttpMethod.Get, $"{Artifacts}?path=none-{Guid.NewGuid():N}");

        result.AssertOk();
        Assert.Equal("{}", result.Body);
    }

    [Fact]
    public async Task Put_LargeFile_StreamsThroughUnchanged()
    {
        using var client = fixture.Client();
        const long size = 50L * 1024 * 1024 + 123;
        var path = $"large-{Guid.NewGuid():N}/data.bin";
        byte[] expectedHash;
        await using (var reference = new PatternStream(size))
        {
            expectedHash = await SHA256.HashDataAsync(reference, TestContext.Current.CancellationToken);
        }

        using (var content = new StreamContent(new PatternStream(size), 1024 * 1024))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            (await client.SendAsync(HttpMethod.Put, $"{Artifacts}/{path}", content)).AssertOk();
        }

        using var response = await client.Http.GetAsync($"{Artifacts}/{path}", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var actualHash = await SHA256.HashDataAsync(body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(size, response.Content.Headers.ContentLength);
        Assert.Equal(expectedHash, actualHash);
        Assert.Equal(size, new FileInfo(Path.Combine(fixture.ArtifactsFolder, path)).Length);
    }

    [Theory]
    [InlineData("/../escape.txt")]
    [InlineData("/a/../../escape.txt")]
    [InlineData("/%2e%2e/escape.txt")]
    [InlineData("/%2E%2E/%2e%2e/escape.txt")]
    [InlineData("/a%2F..%2F..%2Fescape.txt")]
    [InlineData("/..%2Fescape.txt")]
    [InlineData("/%252e%252e/escape.txt")]
    [InlineData("/..%5Cescape.txt")]
    [InlineData("//etc/escape.txt")]
    [InlineData("/%2Fetc%2Fescape.txt")]
    [InlineData("/C:%5Cescape.txt")]
    public async Task Put_TraversalAttempt_Is400AndWritesNothing(string suffix)
    {
        using var client = fixture.Client();
        var before = Snapshot();

        var result = await client.SendRawTargetAsync(HttpMethod.Put, Artifacts + suffix, new StringContent("evil"));

        result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        Assert.Equal(before, Snapshot());
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(fixture.ArtifactsFolder)!, "escape.txt")));
        Assert.False(File.Exists("/etc/escape.txt"));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/../..")]
    [InlineData("/etc")]
    [InlineData("%2e%2e")]
    public async Task List_TraversalAttempt_Is400(string path)
    {
        using var client = fixture.Client();

        var result = await client.SendAsync(HttpMethod.Get, $"{Artifacts}?path={Uri.EscapeDataString(path)}");

        result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task TrackingArtifactsList_MapsTheRunsArtifactUriOntoTheProxy()
    {
        using var client = fixture.Client();
        var experimentId = await client.CreateExperimentAsync();
        var runId = await client.CreateRunAsync(experimentId);
        var run = await client.GetRunAsync(runId);
        var artifactUri = run["info"]!["artifact_uri"]!.GetValue<string>();
        var proxyPath = artifactUri["mlflow-artifacts:/".Length..];
        (await client.SendAsync(HttpMethod.Put, $"{Artifacts}/{proxyPath}/model/MLmodel", new StringContent("flavors: {}", Encoding.UTF8))).AssertOk();
        (await client.SendAsync(HttpMethod.Put, $"{Artifacts}/{proxyPath}/report.html", new StringContent("<p/>"))).AssertOk();

        var root = await client.GetAsync($"artifacts/list?run_id={runId}");
        var model = await client.GetAsync($"artifacts/list?run_uuid={runId}&path=model");
        var traversal = await client.GetAsync($"artifacts/list?run_id={runId}&path=..%2F..");

        root.AssertOk();
        Assert.Equal(
            $$"""{"root_uri":"{{artifactUri}}","files":[{"path":"model","is_dir":true},{"path":"report.html","is_dir":false,"file_size":4}]}""",
            root.Body);
        Assert.Equal($$"""{"root_uri":"{{artifactUri}}","files":[{"path":"model/MLmodel","is_dir":false,"file_size":11}]}""", model.Body);
        traversal.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task TrackingArtifactsList_RunWithoutArtifacts_AnswersOnlyRootUri()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");

        var result = await client.GetAsync($"artifacts/list?run_id={runId}");

        result.AssertOk();
        Assert.Equal(["root_uri"], ApiResult.Keys(result.Json));
    }

    private string[] Snapshot()
    {
        var parent = Path.GetDirectoryName(fixture.ArtifactsFolder)!;
        return [.. Directory.EnumerateFileSystemEntries(parent, "*", SearchOption.AllDirectories).Where(p => !p.EndsWith(".db-wal", StringComparison.Ordinal) && !p.EndsWith(".db-shm", StringComparison.Ordinal)).Order()];
    }

    /// <summary>A read-only stream of <c>length</c> deterministic bytes, generated as read (nothing held in memory).</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            for (var i = 0; i < n; i++)
            {
                var p = position + i;
                buffer[offset + i] = (byte)((p * 31) ^ (p >> 11));
            }

            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
