using Gyre.Core;
using Gyre.Monitoring.InferenceLog;

namespace Gyre.Monitoring.Tests.InferenceLog;

public abstract partial class InferenceLogStoreContract
{
    [Fact]
    public async Task AppendFeedback_AfterTheRecord_SearchJoinsLabelAndTime()
    {
        await Store.AppendInferencesAsync([Record("r1"), Record("r2")], Ct);

        await Store.AppendFeedbackAsync([Label("r1", "\"fraud\"", T0 + 5_000)], Ct);

        var found = await ReadEndpointAsync();
        Assert.Equal(("\"fraud\"", (long?)(T0 + 5_000)), (found[0].LabelJson, found[0].LabelTime));
        Assert.Equal((null, (long?)null), (found[1].LabelJson, found[1].LabelTime));
    }

    [Fact]
    public async Task AppendFeedback_BeforeTheRecord_JoinedOnceTheRecordIsWritten()
    {
        await Store.AppendFeedbackAsync([Label("r1", "42.5")], Ct);
        Assert.Empty(await ReadEndpointAsync());

        await Store.AppendInferencesAsync([Record("r1")], Ct);

        Assert.Equal("42.5", Assert.Single(await ReadEndpointAsync()).LabelJson);
    }

    [Fact]
    public async Task AppendFeedback_LaterLabelForTheSameRequest_Wins()
    {
        await Store.AppendInferencesAsync([Record("r1")], Ct);
        await Store.AppendFeedbackAsync([Label("r1", "\"legit\"", T0 + 1_000)], Ct);

        await Store.AppendFeedbackAsync([Label("r1", "\"fraud\"", T0 + 2_000)], Ct);

        var found = Assert.Single(await ReadEndpointAsync());
        Assert.Equal(("\"fraud\"", (long?)(T0 + 2_000)), (found.LabelJson, found.LabelTime));
    }

    [Fact]
    public async Task AppendFeedback_SameRequestTwiceInOneBatch_TheLaterItemWins()
    {
        await Store.AppendInferencesAsync([Record("r1"), Record("r2")], Ct);

        await Store.AppendFeedbackAsync([Label("r1", "\"a\""), Label("r2", "\"b\""), Label("r1", "\"c\"")], Ct);

        Assert.Equal(["\"c\"", "\"b\""], (await ReadEndpointAsync()).Select(f => f.LabelJson));
    }

    [Fact]
    public async Task AppendFeedback_PrimaryAndShadowShareTheRequest_BothCarryTheLabel()
    {
        await Store.AppendInferencesAsync([Record("r1"), Record("r1", version: 4, variant: InferenceVariants.Shadow)], Ct);

        await Store.AppendFeedbackAsync([Label("r1", "1")], Ct);

        Assert.All(await ReadEndpointAsync(), f => Assert.Equal("1", f.LabelJson));
    }

    [Fact]
    public async Task AppendFeedback_SameRequestIdOnAnotherEndpoint_DoesNotLabelThisOne()
    {
        await Store.AppendInferencesAsync([Record("r1", endpoint: "fraud"), Record("r1", endpoint: "churn")], Ct);

        await Store.AppendFeedbackAsync([Label("r1", "true", endpoint: "churn")], Ct);

        Assert.Null(Assert.Single(await ReadEndpointAsync("fraud")).LabelJson);
        Assert.Equal("true", Assert.Single(await ReadEndpointAsync("churn")).LabelJson);
    }

    [Fact]
    public async Task SearchInferences_LabeledOnly_ReturnsOnlyRecordsWithFeedbackAcrossPages()
    {
        await Store.AppendInferencesAsync([.. Enumerable.Range(0, 20).Select(i => Record("r" + i, T0 + i))], Ct);
        await Store.AppendFeedbackAsync([.. Enumerable.Range(0, 20).Where(i => i % 3 == 0).Select(i => Label("r" + i))], Ct);

        var found = await ReadAllAsync(new InferenceQuery("fraud", LabeledOnly: true), pageSize: 2);

        Assert.Equal(["r0", "r3", "r6", "r9", "r12", "r15", "r18"], RequestIds(found));
        Assert.All(found, f => Assert.NotNull(f.LabelJson));
    }

    [Fact]
    public async Task AppendFeedback_ManyItems_AllStored()
    {
        var ids = Enumerable.Range(0, 1_500).Select(i => "r" + i).ToList();
        await Store.AppendInferencesAsync([.. ids.Select(id => Record(id))], Ct);

        await Store.AppendFeedbackAsync([.. ids.Select(id => Label(id, "\"" + id + "\""))], Ct);

        Assert.All(await ReadEndpointAsync(), f => Assert.Equal("\"" + f.Record.RequestId + "\"", f.LabelJson));
    }

    [Theory]
    [InlineData("label_json")]
    [InlineData("request_id")]
    [InlineData("endpoint")]
    public async Task AppendFeedback_InvalidItem_InvalidInputNamingFieldAndIndexAndWritesNothing(string field)
    {
        await Store.AppendInferencesAsync([Record("r1")], Ct);
        var bad = field switch
        {
            "label_json" => Label("r1", "fraud"),
            "request_id" => Label(""),
            _ => Label("r1") with { Endpoint = "" },
        };

        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.AppendFeedbackAsync([Label("r1"), bad], Ct));

        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("index 1", error.Message, StringComparison.Ordinal);
        Assert.Null(Assert.Single(await ReadEndpointAsync()).LabelJson);
    }
}
