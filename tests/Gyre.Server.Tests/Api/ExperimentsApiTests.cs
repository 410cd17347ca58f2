using System.Net;
using System.Text.Json;
using Gyre.Server.Tests.Support;

namespace Gyre.Server.Tests.Api;

public sealed class ExperimentsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] NameDescending = ["name DESC"];

    [Fact]
    public async Task Get_DefaultExperiment_ExistsWithIdZero()
    {
        using var client = fixture.Client();

        var result = await client.GetAsync("experiments/get?experiment_id=0");

        result.AssertOk();
        Assert.Equal("Default", result.Json["experiment"]!["name"]!.GetValue<string>());
        Assert.Equal("mlflow-artifacts:/0", result.Json["experiment"]!["artifact_location"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_ThenGet_AnswersMlflowsExperimentShape()
    {
        using var client = fixture.Client();
        var name = "shape-" + Guid.NewGuid().ToString("N");

        var created = await client.PostAsync("experiments/create", new { name, tags = new[] { new { key = "team", value = "fraud" } } });
        created.AssertOk();
        Assert.Equal(["experiment_id"], ApiResult.Keys(created.Json));
        var id = created.Json["experiment_id"]!.GetValue<string>();

        var result = await client.GetAsync($"experiments/get?experiment_id={id}");

        result.AssertOk();
        Assert.Equal("application/json", result.ContentType);
        var experiment = result.Json["experiment"]!;
        Assert.Equal(["experiment_id", "name", "artifact_location", "lifecycle_stage", "last_update_time", "creation_time", "tags"], ApiResult.Keys(experiment));
        Assert.Equal(id, experiment["experiment_id"]!.GetValue<string>());
        Assert.Equal(name, experiment["name"]!.GetValue<string>());
        Assert.Equal($"mlflow-artifacts:/{id}", experiment["artifact_location"]!.GetValue<string>());
        Assert.Equal("active", experiment["lifecycle_stage"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Number, experiment["creation_time"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, experiment["last_update_time"]!.GetValueKind());
        Assert.Equal("""[{"key":"team","value":"fraud"}]""", experiment["tags"]!.ToJsonString());
    }

    [Fact]
    public async Task Create_WithoutTags_OmitsTheTagsField()
    {
        using var client = fixture.Client();
        var id = await client.CreateExperimentAsync();

        var result = await client.GetAsync($"experiments/get?experiment_id={id}");

        Assert.DoesNotContain("tags", ApiResult.Keys(result.Json["experiment"]));
    }

    [Fact]
    public async Task Create_TakenName_Is400ResourceAlreadyExists()
    {
        using var client = fixture.Client();
        var name = "dup-" + Guid.NewGuid().ToString("N");
        await client.CreateExperimentAsync(name);

        var result = await client.PostAsync("experiments/create", new { name });

        result.AssertError(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS");
    }

    [Fact]
    public async Task Create_NameOfDeletedExperiment_IsStillTaken()
    {
        using var client = fixture.Client();
        var name = "deleted-" + Guid.NewGuid().ToString("N");
        var id = await client.CreateExperimentAsync(name);
        (await client.PostAsync("experiments/delete", new { experiment_id = id })).AssertOk();

        var result = await client.PostAsync("experiments/create", new { name });

        result.AssertError(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS");
    }

    [Fact]
    public async Task Create_WithoutName_Is400MissingValue()
    {
        using var client = fixture.Client();

        var result = await client.PostAsync("experiments/create", new { artifact_location = "s3://x" });

        var message = result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        Assert.Equal("Missing value for required parameter 'name'. See the API docs for more information about request parameters.", message);
    }

    [Fact]
    public async Task Create_NameOverLimit_Is400()
    {
        using var client = fixture.Client();

        var result = await client.PostAsync("experiments/create", new { name = new string('n', 501) });

        result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Get_UnknownExperiment_Is404WithMlflowsMessage()
    {
        using var client = fixture.Client();

        var result = await client.GetAsync("experiments/get?experiment_id=987654");

        var message = result.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        Assert.Equal("No Experiment with id=987654 exists", message);
    }

    [Fact]
    public async Task Get_WithoutId_Is400()
    {
        using var client = fixture.Client();

        var result = await client.GetAsync("experiments/get");

        Assert.Contains("'experiment_id'", result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetByName_KnownAndUnknown_AnswerExperimentOr404()
    {
        using var client = fixture.Client();
        var name = "by name " + Guid.NewGuid().ToString("N");
        var id = await client.CreateExperimentAsync(name);

        var found = await client.GetAsync($"experiments/get-by-name?experiment_name={Uri.EscapeDataString(name)}");
        var missing = await client.GetAsync("experiments/get-by-name?experiment_name=nope-" + Guid.NewGuid().ToString("N"));

        found.AssertOk();
        Assert.Equal(id, found.Json["experiment"]!["experiment_id"]!.GetValue<string>());
        Assert.StartsWith("Could not find experiment with name 'nope-", missing.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_GetAndPost_FilterOrderAndPage()
    {
        using var client = fixture.Client();
        var prefix = "search-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var suffix in new[] { "a", "b", "c" })
        {
            await client.CreateExperimentAsync($"{prefix}-{suffix}");
        }

        var filter = $"name LIKE '{prefix}-%'";
        var first = await client.PostAsync("experiments/search", new { filter, max_results = 2, order_by = NameDescending });
        first.AssertOk();
        var token = first.Json["next_page_token"]!.GetValue<string>();
        var second = await client.GetAsync($"experiments/search?filter={Uri.EscapeDataString(filter)}&max_results=2&order_by=name%20DESC&page_token={Uri.EscapeDataString(token)}");
        second.AssertOk();

        Assert.Equal([$"{prefix}-c", $"{prefix}-b"], first.Json["experiments"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
        Assert.Equal([$"{prefix}-a"], second.Json["experiments"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
        Assert.DoesNotContain("next_page_token", ApiResult.Keys(second.Json));
    }

    [Fact]
    public async Task Search_NoMatch_AnswersAnEmptyObject()
    {
        using var client = fixture.Client();

        var result = await client.PostAsync("experiments/search", new { filter = "name = 'no-such-" + Guid.NewGuid().ToString("N") + "'" });

        result.AssertOk();
        Assert.Equal("{}", result.Body);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50001)]
    public async Task Search_MaxResultsOutOfRange_Is400(int maxResults)
    {
        using var client = fixture.Client();

        var result = await client.PostAsync("experiments/search", new { max_results = maxResults });

        result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Search_MalformedFilter_Is400()
    {
        using var client = fixture.Client();

        var result = await client.PostAsync("experiments/search", new { filter = "name ~~ 'x'" });

        result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Update_Renames()
    {
        using var client = fixture.Client();
        var id = await client.CreateExperimentAsync();
        var newName = "renamed-" + Guid.NewGuid().ToString("N");

        var result = await client.PostAsync("experiments/update", new { experiment_id = id, new_name = newName });

        result.AssertOk();
        Assert.Equal("{}", result.Body);
        Assert.Equal(newName, (await client.GetAsync($"experiments/get?experiment_id={id}")).Json["experiment"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_ToTakenName_Is400ResourceAlreadyExists()
    {
        using var client = fixture.Client();
        var taken = "taken-" + Guid.NewGuid().ToString("N");
        await client.CreateExperimentAsync(taken);
        var id = await client.CreateExperimentAsync();

        var result = await client.PostAsync("experiments/update", new { experiment_id = id, new_name = taken });

        result.AssertError(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS");
    }

    [Fact]
    public async Task DeleteAndRestore_ChangeLifecycleAndSearchVisibility()
    {
        using var client = fixture.Client();
        var name = "lifecycle-" + Guid.NewGuid().ToString("N");
        var id = await client.CreateExperimentAsync(name);
        var filter = Uri.EscapeDataString($"name = '{name}'");

        (await client.PostAsync("experiments/delete", new { experiment_id = id })).AssertOk();
        var deleted = await client.GetAsync($"experiments/get?experiment_id={id}");
        var activeSearch = await client.GetAsync($"experiments/search?filter={filter}");
        var deletedSearch = await client.GetAsync($"experiments/search?filter={filter}&view_type=DELETED_ONLY");
        (await client.PostAsync("experiments/restore", new { experiment_id = id })).AssertOk();
        var restored = await client.GetAsync($"experiments/get?experiment_id={id}");

        Assert.Equal("deleted", deleted.Json["experiment"]!["lifecycle_stage"]!.GetValue<string>());
        Assert.Equal("{}", activeSearch.Body);
        Assert.Single(deletedSearch.Json["experiments"]!.AsArray());
        Assert.Equal("active", restored.Json["experiment"]!["lifecycle_stage"]!.GetValue<string>());
    }

    [Fact]
    public async Task Restore_UnknownExperiment_Is404()
    {
        using var client = fixture.Client();

        var result = await client.PostAsync("experiments/restore", new { experiment_id = "99999" });

        result.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task SetAndDeleteExperimentTag_OverwriteThenRemove()
    {
        using var client = fixture.Client();
        var id = await client.CreateExperimentAsync();

        (await client.PostAsync("experiments/set-experiment-tag", new { experiment_id = id, key = "k", value = "1" })).AssertOk();
        (await client.PostAsync("experiments/set-experiment-tag", new { experiment_id = id, key = "k", value = "2" })).AssertOk();
        var afterSet = await client.GetAsync($"experiments/get?experiment_id={id}");
        (await client.PostAsync("experiments/delete-experiment-tag", new { experiment_id = id, key = "k" })).AssertOk();
        var afterDelete = await client.GetAsync($"experiments/get?experiment_id={id}");
        var again = await client.PostAsync("experiments/delete-experiment-tag", new { experiment_id = id, key = "k" });

        Assert.Equal("""[{"key":"k","value":"2"}]""", afterSet.Json["experiment"]!["tags"]!.ToJsonString());
        Assert.DoesNotContain("tags", ApiResult.Keys(afterDelete.Json["experiment"]));
        again.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task SetExperimentTag_ValueOverLimit_Is400NamingValue()
    {
        using var client = fixture.Client();
        var id = await client.CreateExperimentAsync();

        var result = await client.PostAsync("experiments/set-experiment-tag", new { experiment_id = id, key = "k", value = new string('v', 5001) });

        Assert.Equal("'value' exceeds the maximum length of 5000 characters", result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"));
    }

    [Fact]
    public async Task List_LegacyRoute_AnswersEveryActiveExperiment()
    {
        using var client = fixture.Client();
        var id = await client.CreateExperimentAsync();

        var result = await client.GetAsync("experiments/list?view_type=ACTIVE_ONLY");

        result.AssertOk();
        var ids = result.Json["experiments"]!.AsArray().Select(e => e!["experiment_id"]!.GetValue<string>()).ToList();
        Assert.Contains(id, ids);
        Assert.Contains("0", ids);
    }
}
