using Gyre.Core;

namespace Gyre.Registry.Tests;

public abstract partial class RegistryStoreContract
{
    private async Task SeedModelsAsync()
    {
        foreach (var (name, team) in new[] { ("fraud", "risk"), ("churn", "growth"), ("fraud-v2", "risk"), ("Forecast", "ops") })
        {
            await Store.CreateRegisteredModelAsync(name, null, [new ModelTag("team", team)], Alice, Ct);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Theory]
    [InlineData(null, "Forecast,churn,fraud,fraud-v2")]
    [InlineData("name = 'fraud'", "fraud")]
    [InlineData("name != 'fraud'", "Forecast,churn,fraud-v2")]
    [InlineData("name LIKE 'fraud%'", "fraud,fraud-v2")]
    [InlineData("name LIKE 'f%'", "fraud,fraud-v2")]
    [InlineData("name ILIKE 'f%'", "Forecast,fraud,fraud-v2")]
    [InlineData("tags.team = 'risk'", "fraud,fraud-v2")]
    [InlineData("tags.team = 'risk' AND name LIKE '%v2'", "fraud-v2")]
    [InlineData("tags.missing = 'x'", "")]
    public async Task SearchRegisteredModelsAsync_Filter_MatchesMlflowSemantics(string? filter, string expected)
    {
        await SeedModelsAsync();

        var found = await Store.SearchRegisteredModelsAsync(filter, 100, null, null, Ct);

        Assert.Equal(expected, string.Join(',', found.Items.Select(m => m.Name)));
    }

    [Fact]
    public async Task SearchRegisteredModelsAsync_OrderByCreationDesc_NewestFirst()
    {
        await SeedModelsAsync();

        var found = await Store.SearchRegisteredModelsAsync(null, 100, ["creation_timestamp DESC"], null, Ct);

        Assert.Equal(["Forecast", "fraud-v2", "churn", "fraud"], found.Items.Select(m => m.Name));
    }

    [Fact]
    public async Task SearchRegisteredModelsAsync_Paging_VisitsEachModelOnce()
    {
        await SeedModelsAsync();

        var first = await Store.SearchRegisteredModelsAsync(null, 3, null, null, Ct);
        var second = await Store.SearchRegisteredModelsAsync(null, 3, null, first.NextPageToken, Ct);

        Assert.NotNull(first.NextPageToken);
        Assert.Null(second.NextPageToken);
        Assert.Equal(["Forecast", "churn", "fraud", "fraud-v2"], first.Items.Concat(second.Items).Select(m => m.Name));
    }

    [Theory]
    [InlineData("version_number > 1")]
    [InlineData("status = 'READY'")]
    [InlineData("name = fraud")]
    public async Task SearchRegisteredModelsAsync_BadFilter_ThrowsInvalidInput(string filter) =>
        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SearchRegisteredModelsAsync(filter, 10, null, null, Ct));

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task SearchRegisteredModelsAsync_MaxResultsOutOfRange_ThrowsInvalidInput(int maxResults) =>
        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SearchRegisteredModelsAsync(null, maxResults, null, null, Ct));

    [Fact]
    public async Task SearchRegisteredModelsAsync_BadPageToken_ThrowsInvalidInput() =>
        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SearchRegisteredModelsAsync(null, 10, null, "garbage!", Ct));

    private async Task SeedVersionsAsync()
    {
        await CreateModelAsync("fraud");
        await CreateModelAsync("churn");
        await RegisterAsync("fraud", "s3://bucket/fraud/1", new RunId("aaaa"), [new ModelTag("validated", "yes")]);
        await RegisterAsync("fraud", "s3://bucket/fraud/2", new RunId("bbbb"));
        await RegisterAsync("fraud", "file:///local/fraud/3", new RunId("cccc"), [new ModelTag("validated", "no")]);
        await RegisterAsync("churn", "s3://bucket/churn/1", new RunId("aaaa"));
    }

    [Theory]
    [InlineData(null, "churn/1,fraud/3,fraud/2,fraud/1")]
    [InlineData("name = 'fraud'", "fraud/3,fraud/2,fraud/1")]
    [InlineData("name = 'fraud' AND version_number >= 2", "fraud/3,fraud/2")]
    [InlineData("version_number = 1", "churn/1,fraud/1")]
    [InlineData("run_id = 'aaaa'", "churn/1,fraud/1")]
    [InlineData("run_id IN ('bbbb', 'cccc')", "fraud/3,fraud/2")]
    [InlineData("run_id NOT IN ('aaaa')", "fraud/3,fraud/2")]
    [InlineData("source_path LIKE 's3://%'", "churn/1,fraud/2,fraud/1")]
    [InlineData("tags.validated = 'yes'", "fraud/1")]
    [InlineData("tags.validated != 'yes'", "fraud/3")]
    public async Task SearchModelVersionsAsync_Filter_MatchesMlflowSemantics(string? filter, string expected)
    {
        await SeedVersionsAsync();

        var found = await Store.SearchModelVersionsAsync(filter, 100, null, null, Ct);

        Assert.Equal(expected, string.Join(',', found.Items.Select(v => $"{v.Name}/{v.Version}")));
    }

    [Fact]
    public async Task SearchModelVersionsAsync_OrderByVersionAscending_ThenName()
    {
        await SeedVersionsAsync();

        var found = await Store.SearchModelVersionsAsync(null, 100, ["version_number ASC"], null, Ct);

        Assert.Equal(["churn/1", "fraud/1", "fraud/2", "fraud/3"], found.Items.Select(v => $"{v.Name}/{v.Version}"));
    }

    [Fact]
    public async Task SearchModelVersionsAsync_Paging_VisitsEachVersionOnce()
    {
        await SeedVersionsAsync();
        var seen = new List<string>();
        string? token = null;
        var pages = 0;

        do
        {
            var page = await Store.SearchModelVersionsAsync(null, 1, null, token, Ct);
            seen.AddRange(page.Items.Select(v => $"{v.Name}/{v.Version}"));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(4, pages);
        Assert.Equal(["churn/1", "fraud/3", "fraud/2", "fraud/1"], seen);
    }

    [Fact]
    public async Task SearchModelVersionsAsync_ReturnsTagsAndAliases()
    {
        await SeedVersionsAsync();
        await Store.SetAliasAsync("fraud", "champion", 1, Alice, Ct);

        var found = Assert.Single((await Store.SearchModelVersionsAsync("name = 'fraud' AND version_number = 1", 10, null, null, Ct)).Items);

        Assert.Equal(["champion"], found.Aliases);
        Assert.Equal([new ModelTag("validated", "yes")], found.Tags);
    }

    [Theory]
    [InlineData("version_number = '1'")]
    [InlineData("name IN ('fraud')")]
    [InlineData("metrics.auc > 0.5")]
    public async Task SearchModelVersionsAsync_BadFilter_ThrowsInvalidInput(string filter) =>
        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SearchModelVersionsAsync(filter, 10, null, null, Ct));
}
