using System.Net;
using Gyre.Registry;
using Gyre.Server.Api;
using Gyre.Server.Tests.Support;

namespace Gyre.Server.Tests.Api;

/// <summary>Gyre's registry extension routes (<c>/api/2.0/gyre/registry/</c>) over plain HTTP: wire shapes, errors and the audit actor.</summary>
public sealed class RegistryExtensionsApiTests(ServerFixture fixture, AuthServerFixture authFixture) : IClassFixture<ServerFixture>, IClassFixture<AuthServerFixture>
{
    private const string Prefix = RegistryExtensionsApi.Prefix;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewName() => "ext-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task CreateVersion_WithPackageAndAliases_AnswersAndServesGyrePackageBesideMlflowFields()
    {
        using var client = fixture.Client();
        var name = NewName();
        (await client.PostAsync("registered-models/create", new { name })).AssertOk();
        var body = $$$"""
            {"name":"{{{name}}}","source":"runs:/abc/model","package":{"sha256":"{{{new string('b', 64)}}}","flavor":"onnx",
             "signature_json":"{\"inputs\":[]}","metrics":{"auc":0.9,"loss":"NaN"}},"aliases":["champion"],"aliases_if_first":["first"]}
            """;

        var created = await client.PostRawAsync("model-versions/create", body, "application/json", Prefix);
        var read = await client.GetAsync($"model-versions/get?name={name}&version=1");

        created.AssertOk();
        read.AssertOk();
        var version = read.Json["model_version"]!;
        Assert.Equal(created.Json["model_version"]!.ToJsonString(), version.ToJsonString());
        Assert.Equal(["first", "champion"], version["aliases"]!.AsArray().Select(a => a!.GetValue<string>()).OrderDescending(StringComparer.Ordinal));
        Assert.Equal(["sha256", "flavor", "signature_json", "metrics"], ApiResult.Keys(version["gyre_package"]));
        Assert.Equal("""{"auc":0.9,"loss":"NaN"}""", version["gyre_package"]!["metrics"]!.ToJsonString());
        Assert.Equal("READY", version["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Promote_AliasMovedMeanwhile_AnswersInvalidStateKindAndMovesNothing()
    {
        using var client = fixture.Client();
        var name = await ModelWithVersionsAsync(client, 3);
        (await client.PostAsync("registered-models/alias", new { name, alias = "champion", version = "3" })).AssertOk();

        var refused = await client.PostAsync("aliases/promote", new { name, alias = "champion", version = "2", expected_current_version = "1", details_json = "{}" }, Prefix);
        var promoted = await client.PostAsync("aliases/promote", new { name, alias = "champion", version = "2", expected_current_version = "3", details_json = """{"ok":true}""" }, Prefix);

        var message = refused.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        Assert.Equal("InvalidState", refused.Json["gyre_error_kind"]!.GetValue<string>());
        Assert.Contains("version 3", message, StringComparison.Ordinal);
        promoted.AssertOk();
        var log = await fixture.Server.Registry.GetAuditLogAsync(name, Ct);
        Assert.Equal((AuditActions.Promote, 2, """{"ok":true}"""), (log[^1].Action, log[^1].Version!.Value, log[^1].DetailsJson!));
    }

    [Theory]
    [InlineData(AuditActions.SetAlias)]
    [InlineData(AuditActions.RegisterVersion)]
    [InlineData(AuditActions.Promote)]
    public async Task AuditAppend_ActionTheRegistryRecordsWithAChange_IsRefusedAndAppendsNothing(string action)
    {
        using var client = fixture.Client();
        var name = await ModelWithVersionsAsync(client, 1);
        var before = (await fixture.Server.Registry.GetAuditLogAsync(name, Ct)).Count;

        var result = await client.PostAsync("audit/append", new { name, action, version = "1" }, Prefix);

        Assert.Contains("'action'", result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), StringComparison.Ordinal);
        Assert.Equal(before, (await fixture.Server.Registry.GetAuditLogAsync(name, Ct)).Count);
    }

    [Fact]
    public async Task AuditAppend_DetailsNotJson_IsRefusedNamingTheField()
    {
        using var client = fixture.Client();
        var name = await ModelWithVersionsAsync(client, 1);

        var result = await client.PostAsync("audit/append", new { name, action = AuditActions.PromotionRefused, details_json = "{not json" }, Prefix);

        Assert.Contains("'details_json'", result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditGet_ReasonInExtendedHeaderForm_RecordsTheDecodedUnicodeReason()
    {
        using var client = fixture.Client();
        client.Http.DefaultRequestHeaders.Add("X-Gyre-User", "UTF-8''Jos%C3%A9");
        client.Http.DefaultRequestHeaders.Add("X-Gyre-Reason", "UTF-8''revue%20approuv%C3%A9e%20%E2%9C%93");
        var name = NewName();
        (await client.PostAsync("registered-models/create", new { name })).AssertOk();

        var log = await client.GetAsync($"audit/get?name={name}", Prefix);

        log.AssertOk();
        var entry = Assert.Single(log.Json["entries"]!.AsArray())!;
        Assert.Equal(("José", "revue approuvée ✓", AuditActions.CreateModel, name), (entry["user"]!.GetValue<string>(), entry["reason"]!.GetValue<string>(), entry["action"]!.GetValue<string>(), entry["model_name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Promote_UnderAuth_AuditsTheTokenNameAndNeedsWriteRole()
    {
        using var admin = authFixture.Client(authFixture.AdminToken);
        var name = await ModelWithVersionsAsync(admin, 1);
        using var writer = authFixture.Client(authFixture.WriteToken);
        writer.Http.DefaultRequestHeaders.Add("X-Gyre-User", "mallory");
        using var reader = authFixture.Client(authFixture.ReadToken);
        var request = new { name, alias = "champion", version = "1", details_json = "{}" };

        (await reader.PostAsync("aliases/promote", request, Prefix)).AssertError(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        (await writer.PostAsync("aliases/promote", request, Prefix)).AssertOk();

        var log = await authFixture.Server.Registry.GetAuditLogAsync(name, Ct);
        Assert.Equal(("writer", AuditActions.Promote), (log[^1].User, log[^1].Action));
    }

    /// <summary>A new model with <paramref name="versions"/> versions registered through MLflow's route; returns its name.</summary>
    private static async Task<string> ModelWithVersionsAsync(MlflowHttp client, int versions)
    {
        var name = NewName();
        (await client.PostAsync("registered-models/create", new { name })).AssertOk();
        for (var i = 0; i < versions; i++)
        {
            (await client.PostAsync("model-versions/create", new { name, source = $"runs:/r{i}/model" })).AssertOk();
        }

        return name;
    }
}
