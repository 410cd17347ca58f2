using System.Net;
using Gyre.Server.Tests.Support;

namespace Gyre.Server.Tests.Api;

/// <summary>registered-models/search and model-versions/search (reference §7.3, §7.4) through the server.</summary>
public abstract partial class RegistryApiContract
{
    [Fact]
    public async Task SearchModels_NameLikeFilter_AnswersMatchesByNameAscending()
    {
        using var client = fixture.Client();
        var prefix = NewName("search");
        foreach (var suffix in new[] { "b", "a", "c" })
        {
            await CreateModelAsync(client, $"{prefix}-{suffix}");
        }

        var result = await client.GetAsync($"registered-models/search?filter={Uri.EscapeDataString($"name LIKE '{prefix}-%'")}");

        result.AssertOk();
        Assert.Equal(["registered_models"], ApiResult.Keys(result.Json));
        Assert.Equal(
            [$"{prefix}-a", $"{prefix}-b", $"{prefix}-c"],
            result.Json["registered_models"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SearchModels_TagFilter_AnswersOnlyTaggedModels()
    {
        using var client = fixture.Client();
        var team = Guid.NewGuid().ToString("N");
        var tagged = await CreateModelAsync(client);
        await CreateModelAsync(client);
        (await client.PostAsync("registered-models/set-tag", new { name = tagged, key = "team", value = team })).AssertOk();

        var result = await client.GetAsync($"registered-models/search?filter={Uri.EscapeDataString($"tags.team = '{team}'")}");

        result.AssertOk();
        Assert.Equal([tagged], result.Json["registered_models"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SearchModels_Paged_FollowsNextPageToken()
    {
        using var client = fixture.Client();
        var prefix = NewName("page");
        for (var i = 0; i < 3; i++)
        {
            await CreateModelAsync(client, $"{prefix}-{i}");
        }

        var filter = Uri.EscapeDataString($"name LIKE '{prefix}-%'");
        var first = await client.GetAsync($"registered-models/search?filter={filter}&max_results=2");
        var token = first.Json["next_page_token"]!.GetValue<string>();
        var second = await client.GetAsync($"registered-models/search?filter={filter}&max_results=2&page_token={Uri.EscapeDataString(token)}");

        Assert.Equal(2, first.Json["registered_models"]!.AsArray().Count);
        Assert.Equal([$"{prefix}-2"], second.Json["registered_models"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()));
        Assert.DoesNotContain("next_page_token", ApiResult.Keys(second.Json));
    }

    [Fact]
    public async Task SearchModels_NoMatch_AnswersEmptyObject()
    {
        using var client = fixture.Client();

        var result = await client.GetAsync($"registered-models/search?filter={Uri.EscapeDataString($"name = '{NewName()}'")}");

        result.AssertOk();
        Assert.Equal("{}", result.Body);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task SearchModels_MaxResultsOutOfRange_Answers400(int maxResults)
    {
        using var client = fixture.Client();

        AssertInvalid(await client.GetAsync($"registered-models/search?max_results={maxResults}"));
    }

    [Fact]
    public async Task SearchModels_MalformedFilter_Answers400()
    {
        using var client = fixture.Client();

        AssertInvalid(await client.GetAsync($"registered-models/search?filter={Uri.EscapeDataString("name ~ 'x'")}"));
    }

    [Fact]
    public async Task SearchVersions_ByNameAndRunId_AnswersMatchingVersions()
    {
        using var client = fixture.Client();
        var name = await CreateModelAsync(client);
        var runId = await client.CreateRunAsync("0");
        await CreateVersionAsync(client, name, "s3://b/one");
        await CreateVersionAsync(client, name, $"runs:/{runId}/model", runId);

        var byName = await client.GetAsync($"model-versions/search?filter={Uri.EscapeDataString($"name = '{name}'")}");
        var byRun = await client.GetAsync($"model-versions/search?filter={Uri.EscapeDataString($"run_id = '{runId}'")}");

        byName.AssertOk();
        Assert.Equal(["model_versions"], ApiResult.Keys(byName.Json));
        Assert.Equal(["1", "2"], byName.Json["model_versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        byRun.AssertOk();
        Assert.Equal(["2"], byRun.Json["model_versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SearchVersions_MaxResultsOver200000_Answers400()
    {
        using var client = fixture.Client();

        var result = await client.GetAsync("model-versions/search?max_results=200001");

        result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }
}
