using System.Net.Http.Headers;
using Gyre.Serving.Security;
using Gyre.Serving.Tests.Support;
using Gyre.Training.Packaging;

namespace Gyre.Serving.Tests.Security;

public sealed class TokenAuthenticationTests(ServingModels models) : IAsyncLifetime
{
    private readonly Tokens _tokens = new();
    private RunningServer _server = null!;
    private string _body = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync(models, options => options with { Auth = _tokens, FeedbackStore = new MemoryInferenceLog() }, RunningServer.Registered("fraud", "fraud@champion"));
        var package = await ModelPackage.LoadAsync(models.FraudA, TestContext.Current.CancellationToken);
        _body = Requests.Features(package.Manifest.Inputs, models.FraudRows[0]).ToJsonString();
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(null, "predict/fraud", 401)]
    [InlineData("Bearer wrong", "predict/fraud", 401)]
    [InlineData("Bearer revoked-secret", "predict/fraud", 401)]
    [InlineData("Bearer read-secret", "predict/fraud", 200)]
    [InlineData("Basic dXNlcjpyZWFkLXNlY3JldA==", "predict/fraud", 200)]
    [InlineData("Bearer read-secret", "v2/models/fraud/feedback", 403)]
    [InlineData("Bearer write-secret", "v2/models/fraud/feedback", 200)]
    public async Task Post_WithToken_AuthenticatedByRole(string? authorization, string path, int expected)
    {
        var body = path.EndsWith("feedback", StringComparison.Ordinal) ? """{"request_id": "r", "label": "1"}""" : _body;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            var space = authorization.IndexOf(' ', StringComparison.Ordinal);
            request.Headers.Authorization = new AuthenticationHeaderValue(authorization[..space], authorization[(space + 1)..]);
        }

        using var response = await _server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected == 401)
        {
            Assert.NotEmpty(response.Headers.WwwAuthenticate);
        }
    }

    [Fact]
    public async Task HealthProbes_WithoutToken_Answer()
    {
        var (live, _) = await _server.GetAsync("v2/health/live");
        var (ready, _) = await _server.GetAsync("v2/health/ready");
        var (metadata, _) = await _server.GetAsync("v2/models/fraud");

        Assert.Equal(200, live);
        Assert.Equal(200, ready);
        Assert.Equal(401, metadata);
    }

    private sealed class Tokens : IServingTokenValidator
    {
        public Task<ServingToken?> FindAsync(string secret, CancellationToken cancellationToken) => Task.FromResult(secret switch
        {
            "read-secret" => new ServingToken("reader", false, false),
            "write-secret" => new ServingToken("writer", true, false),
            "revoked-secret" => new ServingToken("old", true, true),
            _ => null,
        });
    }
}
