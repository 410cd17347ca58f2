using System.Net;
using System.Net.Http.Headers;
using Gyre.Server.Tests.Support;
using Gyre.Server.Ui;

namespace Gyre.Server.Tests.Ui;

/// <summary>The UI's static files: redirect, index, content types, ETag/304, CSP, 404, anonymous under --auth, GYRE_UI_DEV_DIR.</summary>
public sealed class UiAssetsTests(AuthServerFixture fixture) : IClassFixture<AuthServerFixture>
{
    [Fact]
    public async Task Root_RedirectsToUi_WithoutAToken()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = fixture.Server.Address };

        using var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        using var folderForm = await client.GetAsync("/ui", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ui/", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, folderForm.StatusCode);
        Assert.Equal("/ui/", folderForm.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Index_IsServedAnonymouslyUnderAuth_WithCspAndNoCache()
    {
        using var client = fixture.Client();

        var result = await client.SendAsync(HttpMethod.Get, "/ui/");

        result.AssertOk();
        Assert.Equal("text/html", result.ContentType);
        Assert.Contains("<html", result.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(UiAssets.ContentSecurityPolicy, Header(result, "Content-Security-Policy"));
        Assert.Equal("default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'", Header(result, "Content-Security-Policy"));
        Assert.Equal("no-cache", Header(result, "Cache-Control"));
        Assert.Equal(result.Body, (await client.SendAsync(HttpMethod.Get, "/ui/index.html")).Body);
    }

    [Fact]
    public async Task SameETag_Answers304WithoutBody()
    {
        using var client = fixture.Client();
        var first = await client.SendAsync(HttpMethod.Get, "/ui/index.html");
        var etag = first.Headers.Headers.ETag!;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/ui/index.html");
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await client.Http.SendAsync(request, TestContext.Current.CancellationToken);
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/ui/index.html");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\""));
        using var third = await client.Http.SendAsync(stale, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task UnknownFile_Is404_AndDataRoutesStillNeedAToken()
    {
        using var client = fixture.Client();

        (await client.SendAsync(HttpMethod.Get, "/ui/no-such-file.js")).AssertError(HttpStatusCode.NotFound, "ENDPOINT_NOT_FOUND");
        (await client.SendAsync(HttpMethod.Get, "/api/2.0/gyre/ui/studies")).AssertError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        using var reader = fixture.Client(fixture.ReadToken);
        (await reader.SendAsync(HttpMethod.Get, "/api/2.0/gyre/ui/studies")).AssertOk();
    }

    [Fact]
    public async Task DevFolder_IsReadAtEveryRequest()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("pages"));
        File.WriteAllText(folder.Combine("index.html"), "<html>first</html>");
        File.WriteAllText(folder.Combine("pages", "app.js"), "export const x = 1;");
        File.WriteAllText(folder.Combine("secret.txt"), "not a UI file type but still under the folder");
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TrackingServer.StartAsync(
            new TrackingServerOptions
            {
                BackendStoreUri = "sqlite:///" + folder.Combine("gyre.db"),
                ArtifactsDestination = folder.Combine("artifacts"),
                Port = 0,
                EnvironmentVariable = name => name == UiAssets.DevFolderVariable ? folder.Path : null,
            },
            ct);
        using var client = new MlflowHttp(server.Address);

        var first = await client.SendAsync(HttpMethod.Get, "/ui/");
        File.WriteAllText(folder.Combine("index.html"), "<html>second</html>");
        var second = await client.SendAsync(HttpMethod.Get, "/ui/");
        var script = await client.SendAsync(HttpMethod.Get, "/ui/pages/app.js");
        var escape = await client.SendRawTargetAsync(HttpMethod.Get, "/ui/%2e%2e/gyre.db");

        Assert.Equal("<html>first</html>", first.Body);
        Assert.Equal("<html>second</html>", second.Body);
        Assert.NotEqual(first.Headers.Headers.ETag, second.Headers.Headers.ETag);
        Assert.Equal("text/javascript", script.ContentType);
        Assert.Equal(HttpStatusCode.BadRequest, escape.Status);
    }

    private static string Header(ApiResult result, string name) =>
        result.Headers.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : result.Headers.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(", ", contentValues) : "";
}
