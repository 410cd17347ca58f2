using Gyre.Core;

namespace Gyre.Tracking.Tests;

public abstract partial class TrackingStoreContract
{
    [Theory]
    [InlineData(25, 10, 3)]
    [InlineData(20, 10, 2)]
    [InlineData(5, 10, 1)]
    [InlineData(7, 1, 7)]
    public async Task GetMetricHistory_Pages_ConcatenateToTheWholeHistory(int points, int pageSize, int expectedPages)
    {
        var info = await CreateRunAsync();
        // Steps out of order and repeated, so the order (step, timestamp, logging order) matters.
        var logged = Enumerable.Range(0, points).Select(i => new Metric("m", i, 1_000 - i, (i * 3) % 4)).ToList();
        await Store.LogBatchAsync(info.RunId, logged, [], [], Ct);
        var whole = await Store.GetMetricHistoryAsync(info.RunId, "m", Ct);

        var seen = new List<Metric>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.GetMetricHistoryAsync(info.RunId, "m", pageSize, token, Ct);
            Assert.True(page.Items.Count <= pageSize);
            seen.AddRange(page.Items);
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(expectedPages, pages);
        Assert.Equal(whole, seen);
        Assert.Equal(logged.OrderBy(m => m.Step).ThenBy(m => m.Timestamp), whole);
    }

    [Fact]
    public async Task GetMetricHistory_NoMaxResults_ReturnsEveryPointWithoutToken()
    {
        var info = await CreateRunAsync();
        for (var batch = 0; batch < 3; batch++)
        {
            await Store.LogBatchAsync(info.RunId, Enumerable.Range(0, 1000).Select(i => PointAt("m", i, (batch * 1000) + i)).ToList(), [], [], Ct);
        }

        var page = await Store.GetMetricHistoryAsync(info.RunId, "m", null, null, Ct);

        Assert.Equal(3000, page.Items.Count);
        Assert.Null(page.NextPageToken);
        Assert.Equal(Enumerable.Range(0, 3000).Select(s => (long)s), page.Items.Select(m => m.Step));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task GetMetricHistory_MaxResultsBelowOne_ThrowsInvalidInput(int maxResults)
    {
        var info = await CreateRunAsync();

        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.GetMetricHistoryAsync(info.RunId, "m", maxResults, null, Ct));
    }

    [Theory]
    [MemberData(nameof(MalformedPageTokens))]
    public async Task GetMetricHistory_MalformedPageToken_ThrowsInvalidInput(string token)
    {
        var info = await CreateRunAsync();

        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.GetMetricHistoryAsync(info.RunId, "m", 10, token, Ct));
    }
}
