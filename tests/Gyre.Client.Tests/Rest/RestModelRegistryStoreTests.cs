using Gyre.Client.Rest;
using Gyre.Client.Tests.Support;
using Gyre.Core;
using Gyre.Registry;

namespace Gyre.Client.Tests.Rest;

/// <summary>
/// What <see cref="RestModelRegistryStore"/> adds to the registry contract (which runs over HTTP in Gyre.Registry.Tests):
/// how the actor travels and which answers it retries. The contract itself is RestModelRegistryStoreTests there.
/// </summary>
public sealed class RestModelRegistryStoreTests
{
    private static readonly RestConnectionOptions FastRetries = new() { MaxRetries = 3, InitialRetryDelay = TimeSpan.FromMilliseconds(1) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Writes_UnicodeUserAndReason_AreRecordedExactlyByTheServer()
    {
        await using var server = await LiveServer.StartAsync(null, Ct);
        using var store = new RestModelRegistryStore(server.Address);
        var actor = new RegistryActor("José 李", "UTF-8'' looks encoded — but is not");

        await store.CreateRegisteredModelAsync("fraud", null, null, actor, Ct);
        await store.CreateModelVersionAsync(new NewModelVersion("fraud", "runs:/r/model"), actor, Ct);

        var log = await server.Registry.GetAuditLogAsync("fraud", Ct);
        Assert.All(log, e => Assert.Equal((actor.User, actor.Reason), (e.User, e.Reason)));
        Assert.Equal(actor.User, (await store.GetModelVersionAsync("fraud", 1, Ct)).UserId);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(504)]
    public async Task SetAlias_AnsweredGatewayError_IsSentOnlyOnceSoNoChangeIsRecordedTwice(int status)
    {
        await using var server = await ScriptedServer.StartAsync(new ScriptedAnswer(status, ""), new ScriptedAnswer(200, "{}"));
        using var store = new RestModelRegistryStore(server.Address, FastRetries);

        var error = await Assert.ThrowsAsync<GyreException>(() => store.SetAliasAsync("fraud", "champion", 1, new RegistryActor("a"), Ct));

        Assert.Equal(ErrorKind.Internal, error.Kind);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task GetModelVersionByAlias_AnsweredGatewayError_IsRetriedAndReadsTheAnswer()
    {
        const string answer = """{"model_version":{"name":"fraud","version":"4","current_stage":"None","source":"runs:/r/model","status":"READY","aliases":["champion"],"gyre_package":{"sha256":"ab","flavor":"mlnet","metrics":{"auc":"NaN"}}}}""";
        await using var server = await ScriptedServer.StartAsync(new ScriptedAnswer(502, ""), new ScriptedAnswer(200, answer));
        using var store = new RestModelRegistryStore(server.Address, FastRetries);

        var version = await store.GetModelVersionByAliasAsync("fraud", "champion", Ct);

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("/api/2.0/mlflow/registered-models/alias?name=fraud&alias=champion", server.Requests[1].PathAndQuery);
        Assert.Equal((4, "ab", "mlnet"), (version.Version, version.Package!.Sha256, version.Package.Flavor));
        Assert.True(double.IsNaN(version.Package.Metrics["auc"]));
    }

    [Fact]
    public async Task PromoteAlias_ServerAnswersInvalidStateKind_RaisesInvalidStateWithTheServersMessage()
    {
        const string refusal = """{"error_code":"INVALID_PARAMETER_VALUE","message":"Alias 'champion' moved to version 3.","gyre_error_kind":"InvalidState"}""";
        await using var server = await ScriptedServer.StartAsync(new ScriptedAnswer(400, refusal));
        using var store = new RestModelRegistryStore(server.Address, FastRetries);

        var error = await Assert.ThrowsAsync<GyreException>(() => store.PromoteAliasAsync("fraud", "champion", 2, null, "{}", new RegistryActor("a"), Ct));

        Assert.Equal((ErrorKind.InvalidState, "Alias 'champion' moved to version 3."), (error.Kind, error.Message));
        Assert.Equal("/api/2.0/gyre/registry/aliases/promote", Assert.Single(server.Requests).PathAndQuery);
        Assert.Equal("""{"name":"fraud","alias":"champion","version":"2","details_json":"{}"}""", server.Requests[0].Body);
    }
}
