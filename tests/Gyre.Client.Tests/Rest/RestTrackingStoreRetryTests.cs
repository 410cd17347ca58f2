using Gyre.Client.Rest;
using Gyre.Client.Tests.Support;
using Gyre.Core;
using Gyre.Tracking;

namespace Gyre.Client.Tests.Rest;

/// <summary>Which answers <see cref="RestTrackingStore"/> retries, how it maps errors, and what it sends, against a scripted server.</summary>
public sealed class RestTrackingStoreRetryTests
{
    private const string Ok = "{}";
    private const string RunJson =
        """{"run":{"info":{"run_id":"0123456789abcdef0123456789abcdef","experiment_id":"0","run_name":"r","status":"RUNNING","start_time":5,"artifact_uri":"mlflow-artifacts:/0/0123456789abcdef0123456789abcdef/artifacts","lifecycle_stage":"active"}}}""";

    private static readonly RunId SomeRun = new("0123456789abcdef0123456789abcdef");
    private static readonly RestConnectionOptions FastRetries = new() { MaxRetries = 3, InitialRetryDelay = TimeSpan.FromMilliseconds(1) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(500)]
    public async Task LogBatch_WithMetricsAnsweredGatewayOrServerError_IsSentOnlyOnce(int status)
    {
        await using var server = await ScriptedServer.StartAsync(new ScriptedAnswer(status, """{"error_code":"INTERNAL_ERROR","message":"boom"}"""), new ScriptedAnswer(200, Ok));
        using var store = new RestTrackingStore(server.Address, FastRetries);

        var error = await Assert.ThrowsAsync<GyreException>(() => store.LogMetricAsync(SomeRun, new Metric("loss", 1, 5), Ct));

        Assert.Equal(ErrorKind.Internal, error.Kind);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task LogBatch_WithMetricsAnsweredUnavailableOrTooMany_IsRetriedUntilAccepted(int status)
    {
        await using var server = await ScriptedServer.StartAsync(new ScriptedAnswer(status, "busy", "text/plain"), new ScriptedAnswer(200, Ok));
        using var store = new RestTrackingStore(server.Address, FastRetries);

        await store.LogMetricAsync(SomeRun, new Metric("loss", 1, 5), Ct);

        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("/api/2.0/mlflow/runs/log-batch", r.PathAndQuery));
        Assert.Equal(server.Requests[0].Body, server.Requests[1].Body);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(504)]
    public async Task GetRun_AnsweredGatewayErrors_IsRetriedUntilAnswered(int status)
    {
        await using var server = await ScriptedServer.StartAsync(new ScriptedAnswer(status, ""), new ScriptedAnswer(status, ""), new ScriptedAnswer(200, RunJson));
        using var store = new RestTrackingStore(server.Address, FastRetries);

        var run = await store.GetRunAsync(SomeRun, Ct);

        Assert.Equal(SomeRun, run.Info.RunId);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal($"/api/2.0/mlflow/runs/get?run_id={SomeRun.Value}", server.Requests[0].PathAndQuery);
    }

    [Fact]
    public async Task GetRun_AlwaysUnavailable_GivesUpAfterMaxRetries()
    {
        await using var server = await ScriptedServer.StartAsync(new ScriptedAnswer(503, "down", "text/plain"));
        using var store = new RestTrackingStore(server.Address, FastRetries);

        var error = await Assert.ThrowsAsync<GyreException>(() => store.GetRunAsync(SomeRun, Ct));

        Assert.Equal(ErrorKind.Internal, error.Kind);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Equal(1 + FastRetries.MaxRetries, server.Requests.Count);
    }

    [Theory]
    [InlineData(400, "INVALID_PARAMETER_VALUE", ErrorKind.InvalidInput)]
    [InlineData(400, "RESOURCE_ALREADY_EXISTS", ErrorKind.AlreadyExists)]
    [InlineData(404, "RESOURCE_DOES_NOT_EXIST", ErrorKind.NotFound)]
    public async Task CreateExperiment_ErrorJson_ThrowsItsKindAndMessageWithoutRetrying(int status, string code, ErrorKind kind)
    {
        await using var server = await ScriptedServer.StartAsync(new ScriptedAnswer(status, $$"""{"error_code":"{{code}}","message":"the server's words"}"""));
        using var store = new RestTrackingStore(server.Address, FastRetries);

        var error = await Assert.ThrowsAsync<GyreException>(() => store.CreateExperimentAsync("e", null, null, Ct));

        Assert.Equal(kind, error.Kind);
        Assert.Equal("the server's words", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task FindExperimentByName_NotFoundJson_ReturnsNull()
    {
        await using var server = await ScriptedServer.StartAsync(new ScriptedAnswer(404, """{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Could not find experiment with name 'x y'"}"""));
        using var store = new RestTrackingStore(server.Address, FastRetries);

        Assert.Null(await store.FindExperimentByNameAsync("x y", Ct));
        Assert.Equal("/api/2.0/mlflow/experiments/get-by-name?experiment_name=x%20y", server.Requests[0].PathAndQuery);
    }

    [Fact]
    public async Task AnyCall_NonJsonNotFound_ThrowsInvalidInputSuggestingTheUriIsWrong()
    {
        await using var server = await ScriptedServer.StartAsync(new ScriptedAnswer(404, "<html>Not Found</html>", "text/html"));
        using var store = new RestTrackingStore(server.Address, FastRetries);

        var error = await Assert.ThrowsAsync<GyreException>(() => store.GetRunAsync(SomeRun, Ct));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(server.Address.Authority, error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task AnyCall_Credentials_SendsTheAuthorizationHeaderEveryTime()
    {
        await using var server = await ScriptedServer.StartAsync(new ScriptedAnswer(503, ""), new ScriptedAnswer(200, Ok));
        using var store = new RestTrackingStore(server.Address, FastRetries with { Credentials = TrackingCredentials.Bearer("gyre_token") });

        await store.DeleteRunAsync(SomeRun, Ct);

        Assert.Equal(["Bearer gyre_token", "Bearer gyre_token"], server.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task AnyCall_Unauthorized_ThrowsWithAHintAboutTheTokenVariable()
    {
        await using var server = await ScriptedServer.StartAsync(new ScriptedAnswer(401, """{"error_code":"UNAUTHENTICATED","message":"A valid API token is required."}"""));
        using var store = new RestTrackingStore(server.Address, FastRetries);

        var error = await Assert.ThrowsAsync<GyreException>(() => store.DeleteRunAsync(SomeRun, Ct));

        Assert.StartsWith("A valid API token is required.", error.Message, StringComparison.Ordinal);
        Assert.Contains(TrackingCredentials.GyreTokenVariable, error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }
}
