using System.Text;
using Gyre.Core;

namespace Gyre.Tracking.Tests;

public abstract partial class TrackingStoreContract
{
    [Fact]
    public async Task GetExperiment_NewStore_HasActiveDefaultExperimentWithIdZero()
    {
        var experiment = await Store.GetExperimentAsync(ExperimentId.Default, Ct);

        Assert.Equal("0", experiment.Id.Value);
        Assert.Equal("Default", experiment.Name);
        Assert.Equal(LifecycleStage.Active, experiment.LifecycleStage);
        Assert.EndsWith("/0", experiment.ArtifactLocation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateExperiment_NewName_StoresNameTagsTimesAndLocation()
    {
        var defaultLocation = (await Store.GetExperimentAsync(ExperimentId.Default, Ct)).ArtifactLocation;
        Clock.Advance(TimeSpan.FromSeconds(5));

        var id = await Store.CreateExperimentAsync("churn", [new Tag("team", "risk"), new Tag("owner", "bob")], Ct);
        var experiment = await Store.GetExperimentAsync(id, Ct);

        Assert.True(long.Parse(id.Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("churn", experiment.Name);
        Assert.Equal(LifecycleStage.Active, experiment.LifecycleStage);
        Assert.Equal(Clock.NowMilliseconds, experiment.CreationTime);
        Assert.Equal(Clock.NowMilliseconds, experiment.LastUpdateTime);
        Assert.Equal(defaultLocation[..^"0".Length] + id.Value, experiment.ArtifactLocation);
        Assert.Equal([new Tag("owner", "bob"), new Tag("team", "risk")], experiment.Tags.OrderBy(t => t.Key));
    }

    [Fact]
    public async Task CreateExperiment_Twice_GivesDistinctIncreasingIds()
    {
        var first = await Store.CreateExperimentAsync("a", null, Ct);
        var second = await Store.CreateExperimentAsync("b", null, Ct);

        Assert.NotEqual(first, second);
        Assert.True(long.Parse(second.Value, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(first.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task CreateExperiment_TakenName_ThrowsAlreadyExists()
    {
        await Store.CreateExperimentAsync("churn", null, Ct);

        var error = await AssertThrowsGyreAsync(ErrorKind.AlreadyExists, () => Store.CreateExperimentAsync("churn", null, Ct));
        Assert.Contains("churn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateExperiment_DefaultName_ThrowsAlreadyExists()
        => await AssertThrowsGyreAsync(ErrorKind.AlreadyExists, () => Store.CreateExperimentAsync("Default", null, Ct));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task CreateExperiment_BlankName_ThrowsInvalidInput(string name)
        => await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.CreateExperimentAsync(name, null, Ct));

    [Fact]
    public async Task CreateExperiment_NameOver500Characters_ThrowsInvalidInput()
    {
        await Store.CreateExperimentAsync(new string('n', 500), null, Ct);

        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.CreateExperimentAsync(new string('n', 501), null, Ct));
    }

    [Fact]
    public async Task CreateExperiment_TagValueOver5000Characters_ThrowsInvalidInputAndCreatesNothing()
    {
        var error = await AssertThrowsGyreAsync(
            ErrorKind.InvalidInput,
            () => Store.CreateExperimentAsync("x", [new Tag("k", new string('v', 5001))], Ct));

        Assert.Contains("tags[0].value", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.FindExperimentByNameAsync("x", Ct));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("abc")]
    [InlineData("00")]
    [InlineData("-1")]
    public async Task GetExperiment_UnknownId_ThrowsNotFoundWithMlflowMessage(string id)
    {
        var error = await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.GetExperimentAsync(new ExperimentId(id), Ct));

        Assert.Equal($"No Experiment with id={id} exists", error.Message);
    }

    [Fact]
    public async Task FindExperimentByName_Known_ReturnsIt()
    {
        var id = await Store.CreateExperimentAsync("churn", null, Ct);

        var found = await Store.FindExperimentByNameAsync("churn", Ct);

        Assert.NotNull(found);
        Assert.Equal(id, found.Id);
    }

    [Fact]
    public async Task FindExperimentByName_Unknown_ReturnsNull()
        => Assert.Null(await Store.FindExperimentByNameAsync("nope", Ct));

    [Fact]
    public async Task GetOrCreateExperiment_CalledTwice_ReturnsSameId()
    {
        var first = await Store.GetOrCreateExperimentAsync("churn", Ct);
        var second = await Store.GetOrCreateExperimentAsync("churn", Ct);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task SearchExperiments_SeveralPages_ReturnsAllNewestFirstWithoutRepeats()
    {
        var created = new List<ExperimentId> { ExperimentId.Default };
        for (var i = 0; i < 7; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            created.Add(await Store.CreateExperimentAsync($"e{i}", null, Ct));
        }

        var seen = new List<ExperimentId>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.SearchExperimentsAsync(ViewType.ActiveOnly, 3, token, Ct);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(e => e.Id));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(created), seen);
    }

    [Fact]
    public async Task SearchExperiments_SameCreationTime_OrdersByIdDescending()
    {
        var a = await Store.CreateExperimentAsync("a", null, Ct);
        var b = await Store.CreateExperimentAsync("b", null, Ct);

        var page = await Store.SearchExperimentsAsync(ViewType.All, 10, null, Ct);

        Assert.Equal([b, a, ExperimentId.Default], page.Items.Select(e => e.Id));
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task SearchExperiments_DeletedOnly_ReturnsNoActiveExperiments()
    {
        await Store.CreateExperimentAsync("a", null, Ct);

        var page = await Store.SearchExperimentsAsync(ViewType.DeletedOnly, 10, null, Ct);

        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task SearchExperiments_ExactPageSize_HasNoNextToken()
    {
        await Store.CreateExperimentAsync("a", null, Ct);

        var page = await Store.SearchExperimentsAsync(ViewType.ActiveOnly, 2, null, Ct);

        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.NextPageToken);
    }

    [Theory]
    [MemberData(nameof(MalformedPageTokens))]
    public async Task SearchExperiments_MalformedPageToken_ThrowsInvalidInput(string token)
        => await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SearchExperimentsAsync(ViewType.All, 10, token, Ct));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(50_001)]
    public async Task SearchExperiments_MaxResultsOutOfRange_ThrowsInvalidInput(int maxResults)
        => await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SearchExperimentsAsync(ViewType.All, maxResults, null, Ct));

    public static TheoryData<string> MalformedPageTokens() =>
    [
        "not base64 !",
        Convert.ToBase64String(Encoding.UTF8.GetBytes("hello")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"offset\": -1}")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"offset\": \"3\"}")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("[1]")),
    ];
}
