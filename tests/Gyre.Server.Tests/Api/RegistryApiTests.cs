using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Server.Tests.Support;

namespace Gyre.Server.Tests.Api;

/// <summary>MLflow's Model Registry routes on SQLite.</summary>
public sealed class RegistryApiTests(ServerFixture fixture) : RegistryApiContract(fixture), IClassFixture<ServerFixture>;

/// <summary>
/// MLflow's Model Registry routes (reference §6): exact JSON shapes, statuses and error codes over a real backend,
/// run once per backend by the derived classes.
/// </summary>
public abstract partial class RegistryApiContract(ServerFixture fixture)
{
    private static readonly string[] StagingOnly = ["Staging"];

    public static TheoryData<string> AllPrefixes => ["/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/", "/api/2.0/preview/mlflow/"];

    [Fact]
    public async Task CreateModel_ThenGet_AnswersMlflowsRegisteredModelShape()
    {
        using var client = fixture.Client();
        var name = NewName();

        var created = await client.PostAsync("registered-models/create", new { name, description = "fraud scorer", tags = new[] { new { key = "team", value = "risk" } } });

        created.AssertOk();
        Assert.Equal(["registered_model"], ApiResult.Keys(created.Json));
        var result = await client.GetAsync($"registered-models/get?name={name}");
        result.AssertOk();
        var model = result.Json["registered_model"]!;
        Assert.Equal(["name", "creation_timestamp", "last_updated_timestamp", "description", "tags"], ApiResult.Keys(model));
        Assert.Equal(name, model["name"]!.GetValue<string>());
        Assert.Equal("fraud scorer", model["description"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Number, model["creation_timestamp"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, model["last_updated_timestamp"]!.GetValueKind());
        Assert.Equal("""[{"key":"team","value":"risk"}]""", model["tags"]!.ToJsonString());
    }

    [Fact]
    public async Task CreateModel_NameTaken_Answers400ResourceAlreadyExists()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);

        var again = await client.PostAsync("registered-models/create", new { name });

        again.AssertError(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS");
    }

    [Fact]
    public async Task CreateModel_WithoutName_Answers400MissingParameter()
    {
        using var client = fixture.Client();

        var result = await client.PostAsync("registered-models/create", new { description = "x" });

        Assert.Contains("'name'", result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateModel_WithoutJsonContentType_Answers400()
    {
        using var client = fixture.Client();

        var result = await client.PostRawAsync("registered-models/create", """{"name":"x"}""", "text/plain");

        AssertInvalid(result);
    }

    [Fact]
    public async Task GetModel_Unknown_Answers404ResourceDoesNotExist()
    {
        using var client = fixture.Client();

        AssertNotFound(await client.GetAsync($"registered-models/get?name={NewName()}"));
    }

    [Theory]
    [MemberData(nameof(AllPrefixes))]
    public async Task RegistryRoutes_AreServedUnderEveryPrefix(string prefix)
    {
        using var client = fixture.Client();
        var name = NewName();

        (await client.PostAsync("registered-models/create", new { name }, prefix)).AssertOk();
        var version = await client.PostAsync("model-versions/create", new { name, source = "s3://bucket/model" }, prefix);
        var got = await client.GetAsync($"registered-models/get?name={name}", prefix);

        version.AssertOk();
        got.AssertOk();
        Assert.Equal(name, got.Json["registered_model"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateVersion_ThenGet_AnswersMlflowsModelVersionShape()
    {
        using var client = fixture.Client();
        client.Http.DefaultRequestHeaders.Add("X-Gyre-User", "alice");
        var name = await CreateModelAsync(client);
        var runId = await client.CreateRunAsync("0");

        var created = await client.PostAsync("model-versions/create", new
        {
            name,
            source = $"runs:/{runId}/model",
            run_id = runId,
            run_link = "http://ci/job/7",
            description = "first",
            tags = new[] { new { key = "data", value = "v3" } },
        });

        created.AssertOk();
        Assert.Equal(["model_version"], ApiResult.Keys(created.Json));
        var version = (await GetVersionAsync(client, name, "1")).Json["model_version"]!;
        Assert.Equal(
            ["name", "version", "creation_timestamp", "last_updated_timestamp", "user_id", "current_stage", "description", "source", "run_id", "status", "tags", "run_link"],
            ApiResult.Keys(version));
        Assert.Equal(name, version["name"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.String, version["version"]!.GetValueKind());
        Assert.Equal("1", version["version"]!.GetValue<string>());
        Assert.Equal("alice", version["user_id"]!.GetValue<string>());
        Assert.Equal("None", version["current_stage"]!.GetValue<string>());
        Assert.Equal("first", version["description"]!.GetValue<string>());
        Assert.Equal($"runs:/{runId}/model", version["source"]!.GetValue<string>());
        Assert.Equal(runId, version["run_id"]!.GetValue<string>());
        Assert.Equal("READY", version["status"]!.GetValue<string>());
        Assert.Equal("""[{"key":"data","value":"v3"}]""", version["tags"]!.ToJsonString());
        Assert.Equal("http://ci/job/7", version["run_link"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Number, version["creation_timestamp"]!.GetValueKind());
    }

    [Fact]
    public async Task CreateVersion_Twice_NumbersVersionsFromOne()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);

        var first = await CreateVersionAsync(client, name);
        var second = await CreateVersionAsync(client, name);

        Assert.Equal(["1", "2"], [first, second]);
    }

    [Fact]
    public async Task CreateVersion_WithoutRunId_IsAcceptedAndOmitsRunId()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);

        var result = await client.PostAsync("model-versions/create", new { name, source = "/srv/models/fraud" });

        result.AssertOk();
        Assert.DoesNotContain("run_id", ApiResult.Keys(result.Json["model_version"]));
        Assert.Equal("anonymous", result.Json["model_version"]!["user_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("runs:/abc/../secrets")]
    [InlineData("/srv/models/../../etc")]
    [InlineData("s3://bucket/%2e%2e/other")]
    [InlineData("..")]
    public async Task CreateVersion_SourceWithDotDotSegment_Answers400(string source)
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);

        var result = await client.PostAsync("model-versions/create", new { name, source });

        Assert.Contains("source", AssertInvalidMessage(result), StringComparison.Ordinal);
        AssertNotFound(await GetVersionAsync(client, name, "1"));
    }

    [Fact]
    public async Task CreateVersion_UnknownModel_Answers404()
    {
        using var client = fixture.Client();

        AssertNotFound(await client.PostAsync("model-versions/create", new { name = NewName(), source = "s3://b/m" }));
    }

    [Fact]
    public async Task CreateVersion_WithoutSource_Answers400()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);

        Assert.Contains("'source'", AssertInvalidMessage(await client.PostAsync("model-versions/create", new { name })), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task GetVersion_VersionNotAPositiveInteger_Answers400(string version)
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);

        Assert.Contains("'version'", AssertInvalidMessage(await GetVersionAsync(client, name, version)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVersion_Unknown_Answers404()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);

        AssertNotFound(await GetVersionAsync(client, name, "9"));
    }

    /// <summary>mlflow.register_model: create the model tolerating RESOURCE_ALREADY_EXISTS, create the version, poll get until READY.</summary>
    [Fact]
    public async Task RegisterModelFlow_OfThePythonClient_EndsWithAReadyVersion()
    {
        using var client = fixture.Client();
        var name = NewName();
        var runId = await client.CreateRunAsync("0");
        string? ready = null;

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var create = await client.PostAsync("registered-models/create", new { name });
            if (create.Status != HttpStatusCode.OK)
            {
                create.AssertError(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS");
            }

            var version = await client.PostAsync("model-versions/create", new { name, source = $"runs:/{runId}/model", run_id = runId });
            version.AssertOk();
            var number = version.Json["model_version"]!["version"]!.GetValue<string>();
            for (var poll = 0; poll < 10 && ready != number; poll++)
            {
                var got = await GetVersionAsync(client, name, number);
                got.AssertOk();
                ready = got.Json["model_version"]!["status"]!.GetValue<string>() == "READY" ? number : null;
            }

            Assert.Equal((attempt + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ready);
        }
    }

    [Fact]
    public async Task UpdateModel_Patch_SetsTheDescription()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);

        var result = await client.SendJsonAsync(Patch, "registered-models/update", new { name, description = "now described" });

        result.AssertOk();
        Assert.Equal("now described", result.Json["registered_model"]!["description"]!.GetValue<string>());
        var got = await client.GetAsync($"registered-models/get?name={name}");
        Assert.Equal("now described", got.Json["registered_model"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateModel_WithPost_Answers405()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);

        var result = await client.PostAsync("registered-models/update", new { name, description = "x" });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, result.Status);
    }

    [Fact]
    public async Task RenameModel_VersionsFollowAndTheOldNameIsGone()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);
        await CreateVersionAsync(client, name);
        var newName = NewName("renamed");

        var result = await client.PostAsync("registered-models/rename", new { name, new_name = newName });

        result.AssertOk();
        Assert.Equal(newName, result.Json["registered_model"]!["name"]!.GetValue<string>());
        AssertNotFound(await client.GetAsync($"registered-models/get?name={name}"));
        var version = await GetVersionAsync(client, newName, "1");
        version.AssertOk();
        Assert.Equal(newName, version.Json["model_version"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeleteModel_WithJsonBody_DeletesItsVersions()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);
        await CreateVersionAsync(client, name);

        var result = await client.SendJsonAsync(Delete, "registered-models/delete", new { name });

        result.AssertOk();
        Assert.Equal("{}", result.Body);
        AssertNotFound(await client.GetAsync($"registered-models/get?name={name}"));
        AssertNotFound(await GetVersionAsync(client, name, "1"));
        AssertNotFound(await client.SendJsonAsync(Delete, "registered-models/delete", new { name }));
    }

    [Fact]
    public async Task ModelTags_SetOverwriteAndDelete()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);

        (await client.PostAsync("registered-models/set-tag", new { name, key = "owner", value = "ann" })).AssertOk();
        (await client.PostAsync("registered-models/set-tag", new { name, key = "owner", value = "bob" })).AssertOk();
        var tagged = await client.GetAsync($"registered-models/get?name={name}");
        (await client.SendJsonAsync(Delete, "registered-models/delete-tag", new { name, key = "owner" })).AssertOk();
        var untagged = await client.GetAsync($"registered-models/get?name={name}");

        Assert.Equal("""[{"key":"owner","value":"bob"}]""", tagged.Json["registered_model"]!["tags"]!.ToJsonString());
        Assert.DoesNotContain("tags", ApiResult.Keys(untagged.Json["registered_model"]));
    }

    [Fact]
    public async Task SetModelTag_ValueOver5000Characters_Answers400NamingValue()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);

        var result = await client.PostAsync("registered-models/set-tag", new { name, key = "k", value = new string('x', 5001) });

        Assert.Contains("'value' exceeds the maximum length of 5000", AssertInvalidMessage(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionTags_SetAndDelete()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);
        var version = await CreateVersionAsync(client, name);

        (await client.PostAsync("model-versions/set-tag", new { name, version, key = "validated", value = "yes" })).AssertOk();
        var tagged = await GetVersionAsync(client, name, version);
        (await client.SendJsonAsync(Delete, "model-versions/delete-tag", new { name, version, key = "validated" })).AssertOk();
        var untagged = await GetVersionAsync(client, name, version);

        Assert.Equal("""[{"key":"validated","value":"yes"}]""", tagged.Json["model_version"]!["tags"]!.ToJsonString());
        Assert.DoesNotContain("tags", ApiResult.Keys(untagged.Json["model_version"]));
    }

    [Fact]
    public async Task UpdateVersion_Patch_SetsTheDescription()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);
        var version = await CreateVersionAsync(client, name);

        var result = await client.SendJsonAsync(Patch, "model-versions/update", new { name, version, description = "calibrated" });

        result.AssertOk();
        Assert.Equal("calibrated", result.Json["model_version"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeleteVersion_RemovesItAndItsAliases()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);
        var version = await CreateVersionAsync(client, name);
        (await client.PostAsync("registered-models/alias", new { name, alias = "champion", version })).AssertOk();

        var result = await client.SendJsonAsync(Delete, "model-versions/delete", new { name, version });

        result.AssertOk();
        Assert.Equal("{}", result.Body);
        AssertNotFound(await GetVersionAsync(client, name, version));
        AssertNotFound(await client.GetAsync($"registered-models/alias?name={name}&alias=champion"));
    }

    [Fact]
    public async Task Alias_SetMoveAndDelete_ShowsOnModelAndVersions()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);
        var v1 = await CreateVersionAsync(client, name);
        var v2 = await CreateVersionAsync(client, name);

        var set = await client.PostAsync("registered-models/alias", new { name, alias = "champion", version = v1 });
        var model = (await client.GetAsync($"registered-models/get?name={name}")).Json["registered_model"]!;
        var onVersion = (await GetVersionAsync(client, name, v1)).Json["model_version"]!;

        set.AssertOk();
        Assert.Equal("{}", set.Body);
        Assert.Equal("""[{"alias":"champion","version":"1"}]""", model["aliases"]!.ToJsonString());
        Assert.Equal("""["champion"]""", onVersion["aliases"]!.ToJsonString());

        (await client.PostAsync("registered-models/alias", new { name, alias = "champion", version = v2 })).AssertOk();
        var byAlias = await client.GetAsync($"registered-models/alias?name={name}&alias=champion");
        var formerHolder = (await GetVersionAsync(client, name, v1)).Json["model_version"]!;

        byAlias.AssertOk();
        Assert.Equal("2", byAlias.Json["model_version"]!["version"]!.GetValue<string>());
        Assert.Equal("""["champion"]""", byAlias.Json["model_version"]!["aliases"]!.ToJsonString());
        Assert.DoesNotContain("aliases", ApiResult.Keys(formerHolder));

        (await client.SendJsonAsync(Delete, "registered-models/alias", new { name, alias = "champion" })).AssertOk();
        AssertNotFound(await client.GetAsync($"registered-models/alias?name={name}&alias=champion"));
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("v3")]
    public async Task Alias_Reserved_Answers400(string alias)
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);
        var version = await CreateVersionAsync(client, name);

        AssertInvalid(await client.PostAsync("registered-models/alias", new { name, alias, version }));
    }

    [Fact]
    public async Task Alias_ToUnknownVersion_Answers404()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);

        AssertNotFound(await client.PostAsync("registered-models/alias", new { name, alias = "champion", version = "4" }));
    }

    [Fact]
    public async Task TransitionStage_WithArchiveExistingVersions_ArchivesTheFormerProductionVersion()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);
        var v1 = await CreateVersionAsync(client, name);
        var v2 = await CreateVersionAsync(client, name);

        var first = await client.PostAsync("model-versions/transition-stage", new { name, version = v1, stage = "production", archive_existing_versions = false });
        var second = await client.PostAsync("model-versions/transition-stage", new { name, version = v2, stage = "Production", archive_existing_versions = true });

        first.AssertOk();
        Assert.Equal("Production", Stage(first));
        second.AssertOk();
        Assert.Equal("Production", Stage(second));
        Assert.Equal("Archived", Stage(await GetVersionAsync(client, name, v1)));
        var latest = await client.GetAsync($"registered-models/get-latest-versions?name={name}&stages=Production");
        latest.AssertOk();
        Assert.Equal(["2"], latest.Json["model_versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TransitionStage_WithoutArchiving_KeepsBothInTheStage()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);
        var v1 = await CreateVersionAsync(client, name);
        var v2 = await CreateVersionAsync(client, name);

        (await client.PostAsync("model-versions/transition-stage", new { name, version = v1, stage = "Staging" })).AssertOk();
        (await client.PostAsync("model-versions/transition-stage", new { name, version = v2, stage = "Staging" })).AssertOk();

        Assert.Equal("Staging", Stage(await GetVersionAsync(client, name, v1)));
    }

    [Fact]
    public async Task TransitionStage_UnknownStage_Answers400()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);
        var version = await CreateVersionAsync(client, name);

        AssertInvalid(await client.PostAsync("model-versions/transition-stage", new { name, version, stage = "Shipped" }));
    }

    [Fact]
    public async Task GetLatestVersions_PostAndGet_AnswerTheNewestPerStage()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);
        await CreateVersionAsync(client, name);
        var v2 = await CreateVersionAsync(client, name);
        await CreateVersionAsync(client, name);
        (await client.PostAsync("model-versions/transition-stage", new { name, version = v2, stage = "Staging" })).AssertOk();

        var posted = await client.PostAsync("registered-models/get-latest-versions", new { name, stages = StagingOnly });
        var all = await client.GetAsync($"registered-models/get-latest-versions?name={name}");

        posted.AssertOk();
        Assert.Equal(["2"], posted.Json["model_versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()));
        all.AssertOk();
        Assert.Equal(
            ["None:3", "Staging:2"],
            all.Json["model_versions"]!.AsArray().Select(v => $"{v!["current_stage"]}:{v["version"]}").Order(StringComparer.Ordinal));
        var model = (await client.GetAsync($"registered-models/get?name={name}")).Json["registered_model"]!;
        Assert.Equal(2, model["latest_versions"]!.AsArray().Count);
    }

    [Fact]
    public async Task GetLatestVersions_UnknownModel_Answers404()
    {
        using var client = fixture.Client();

        AssertNotFound(await client.GetAsync($"registered-models/get-latest-versions?name={NewName()}"));
    }

    [Fact]
    public async Task GetDownloadUri_RunsSource_ResolvesToTheRunsArtifactUri()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);
        var runId = await client.CreateRunAsync("0");
        var artifactUri = (await client.GetRunAsync(runId))["info"]!["artifact_uri"]!.GetValue<string>();
        var version = await CreateVersionAsync(client, name, $"runs:/{runId}/model/onnx", runId);

        var result = await client.GetAsync($"model-versions/get-download-uri?name={name}&version={version}");

        result.AssertOk();
        Assert.Equal(["artifact_uri"], ApiResult.Keys(result.Json));
        Assert.Equal(artifactUri + "/model/onnx", result.Json["artifact_uri"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetDownloadUri_OtherSource_IsTheSourceItself()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);
        var version = await CreateVersionAsync(client, name, "s3://models/fraud/3");

        var result = await client.GetAsync($"model-versions/get-download-uri?name={name}&version={version}");

        Assert.Equal("s3://models/fraud/3", result.Json["artifact_uri"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetDownloadUri_RunsSourceOfUnknownRun_Answers404()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);
        var version = await CreateVersionAsync(client, name, "runs:/0123456789abcdef0123456789abcdef/model");

        AssertNotFound(await client.GetAsync($"model-versions/get-download-uri?name={name}&version={version}"));
    }

    [Fact]
    public async Task Writes_RecordTheUserAndReasonHeadersInTheAuditLog()
    {
        using var client = fixture.Client();
        client.Http.DefaultRequestHeaders.Add("X-Gyre-User", "carol");
        client.Http.DefaultRequestHeaders.Add("X-Gyre-Reason", "weekly retrain");
        var name = await CreateModelAsync(client);
        var version = await CreateVersionAsync(client, name);
        (await client.PostAsync("registered-models/alias", new { name, alias = "champion", version })).AssertOk();

        var log = await fixture.Server.Registry.GetAuditLogAsync(name, TestContext.Current.CancellationToken);

        Assert.Equal(["create_model", "register_version", "set_alias"], log.Select(e => e.Action));
        Assert.All(log, e => Assert.Equal(("carol", "weekly retrain"), (e.User, e.Reason)));
    }

    private static string AssertInvalidMessage(ApiResult result) => result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
}
