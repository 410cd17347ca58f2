using Gyre.Core;
using Gyre.Monitoring.InferenceLog;

namespace Gyre.Monitoring.Tests.InferenceLog;

public abstract partial class InferenceLogStoreContract
{
    [Fact]
    public async Task SearchInferences_SmallPages_EveryRecordOnceInOrderThenNoToken()
    {
        // Several records share a time, so pages must break ties by append order.
        var records = Enumerable.Range(0, 25).Select(i => Record("r" + i, T0 + (i / 4))).ToList();
        await Store.AppendInferencesAsync(records, Ct);

        var pages = new List<Page<LoggedInference>>();
        string? token = null;
        do
        {
            var page = await Store.SearchInferencesAsync(new InferenceQuery("fraud"), 7, token, Ct);
            pages.Add(page);
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal([7, 7, 7, 4], pages.Select(p => p.Items.Count));
        Assert.Equal(records.Select(r => r.RequestId), RequestIds(pages.SelectMany(p => p.Items)));
    }

    [Fact]
    public async Task SearchInferences_ExactlyOnePage_HasNoNextToken()
    {
        await Store.AppendInferencesAsync([Record("a"), Record("b")], Ct);

        var page = await Store.SearchInferencesAsync(new InferenceQuery("fraud"), 2, null, Ct);

        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task SearchInferences_RecordAppendedBetweenPagesAfterThem_AppearsOnALaterPageWithoutRepeats()
    {
        await Store.AppendInferencesAsync([Record("a", T0), Record("b", T0 + 1), Record("c", T0 + 2)], Ct);
        var first = await Store.SearchInferencesAsync(new InferenceQuery("fraud"), 2, null, Ct);

        // One logged late with an earlier time than the page's end (not seen: it sorts before), one after.
        await Store.AppendInferencesAsync([Record("early", T0), Record("d", T0 + 3)], Ct);
        var second = await Store.SearchInferencesAsync(new InferenceQuery("fraud"), 2, first.NextPageToken, Ct);

        Assert.Equal(["a", "b"], RequestIds(first.Items));
        Assert.Equal(["c", "d"], RequestIds(second.Items));
    }

    [Fact]
    public async Task SearchInferences_ByModelVersion_OnlyThatVersion()
    {
        await Store.AppendInferencesAsync([Record("v3", version: 3), Record("v4", version: 4), Record("none", version: null), Record("v3b", T0 + 1, version: 3)], Ct);

        Assert.Equal(["v3", "v3b"], RequestIds(await ReadAllAsync(new InferenceQuery("fraud", ModelVersion: 3))));
        Assert.Equal(["v4"], RequestIds(await ReadAllAsync(new InferenceQuery("fraud", ModelVersion: 4))));
    }

    [Fact]
    public async Task SearchInferences_ByVariant_OnlyThatVariant()
    {
        await Store.AppendInferencesAsync(
            [Record("p", variant: InferenceVariants.Primary), Record("s", variant: InferenceVariants.Shadow), Record("c", variant: InferenceVariants.Canary)],
            Ct);

        Assert.Equal(["s"], RequestIds(await ReadAllAsync(new InferenceQuery("fraud", Variant: InferenceVariants.Shadow))));
        Assert.Equal(["p"], RequestIds(await ReadAllAsync(new InferenceQuery("fraud", Variant: InferenceVariants.Primary))));
    }

    [Fact]
    public async Task SearchInferences_TimeWindow_IncludesFromExcludesTo()
    {
        await Store.AppendInferencesAsync([Record("t9", T0 + 9), Record("t10", T0 + 10), Record("t15", T0 + 15), Record("t20", T0 + 20)], Ct);

        Assert.Equal(["t10", "t15"], RequestIds(await ReadAllAsync(new InferenceQuery("fraud", FromTime: T0 + 10, ToTime: T0 + 20))));
        Assert.Equal(["t15", "t20"], RequestIds(await ReadAllAsync(new InferenceQuery("fraud", FromTime: T0 + 11))));
        Assert.Equal(["t9"], RequestIds(await ReadAllAsync(new InferenceQuery("fraud", ToTime: T0 + 10))));
    }

    [Fact]
    public async Task SearchInferences_FiltersCombinedAcrossPages_OnlyRecordsMatchingAll()
    {
        var records = Enumerable.Range(0, 40)
            .Select(i => Record("r" + i, T0 + i, version: 3 + (i % 2), variant: i % 3 == 0 ? InferenceVariants.Shadow : InferenceVariants.Primary))
            .ToList();
        await Store.AppendInferencesAsync(records, Ct);

        var found = await ReadAllAsync(new InferenceQuery("fraud", ModelVersion: 3, Variant: InferenceVariants.Primary, FromTime: T0 + 5, ToTime: T0 + 35), pageSize: 3);

        var expected = records.Where(r => r.ModelVersion == 3 && r.Variant == InferenceVariants.Primary && r.Time >= T0 + 5 && r.Time < T0 + 35);
        Assert.Equal(expected.Select(r => r.RequestId), RequestIds(found));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_001)]
    public async Task SearchInferences_MaxResultsOutOfRange_InvalidInputNamingIt(int maxResults)
    {
        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SearchInferencesAsync(new InferenceQuery("fraud"), maxResults, null, Ct));

        Assert.Contains("'max_results'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchInferences_MaxResultsTenThousand_Accepted()
    {
        await Store.AppendInferencesAsync([Record("a")], Ct);

        Assert.Single((await Store.SearchInferencesAsync(new InferenceQuery("fraud"), 10_000, null, Ct)).Items);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("eyJvZmZzZXQiOiAzfQ==")] // {"offset": 3}: another search's token
    public async Task SearchInferences_MalformedPageToken_InvalidInput(string token)
    {
        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SearchInferencesAsync(new InferenceQuery("fraud"), 10, token, Ct));

        Assert.Contains("page token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchInferences_EmptyEndpoint_InvalidInputNamingIt()
    {
        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SearchInferencesAsync(new InferenceQuery(""), 10, null, Ct));

        Assert.Contains("'endpoint'", error.Message, StringComparison.Ordinal);
    }
}

public abstract partial class InferenceLogStoreContract
{
    [Fact]
    public async Task SearchInferences_NewestFirstInSmallPages_EveryRecordOnceInReverseOrder()
    {
        // Ties on time are broken by append order, reversed.
        var records = Enumerable.Range(0, 11).Select(i => Record("r" + i, T0 + (i / 3))).ToList();
        await Store.AppendInferencesAsync(records, Ct);

        var read = await ReadAllAsync(new InferenceQuery("fraud", NewestFirst: true), pageSize: 4);

        Assert.Equal(records.Select(r => r.RequestId).Reverse(), RequestIds(read));
    }

    [Fact]
    public async Task SearchInferences_NewestFirstWithinWindow_OnlyWindowNewestFirst()
    {
        await Store.AppendInferencesAsync([Record("a", T0), Record("b", T0 + 10), Record("c", T0 + 20), Record("d", T0 + 30)], Ct);

        var read = await ReadAllAsync(new InferenceQuery("fraud", FromTime: T0 + 10, ToTime: T0 + 30, NewestFirst: true));

        Assert.Equal(["c", "b"], RequestIds(read));
    }
}
