using Gyre.Core;
using Gyre.Monitoring.InferenceLog;

namespace Gyre.Monitoring.Tests.InferenceLog;

public abstract partial class InferenceLogStoreContract
{
    [Fact]
    public async Task AppendInferences_Records_SearchReturnsThemFieldForField()
    {
        var records = new[]
        {
            Record("r1", T0, latencyMs: 0.0421875),
            Record("r1", T0 + 1, version: 4, variant: InferenceVariants.Shadow, latencyMs: 3.5),
            new InferenceRecord("r2", T0 + 2, "fraud", "packaged", null, InferenceVariants.Canary, """{"name":"Zoë ✓","n":null}""", """{"p":[0.1,0.9]}""", 17),
        };

        await Store.AppendInferencesAsync(records, Ct);

        var found = await ReadEndpointAsync();
        Assert.Equal(records, found.Select(f => f.Record));
        Assert.All(found, f => Assert.Null(f.LabelJson));
        Assert.All(found, f => Assert.Null(f.LabelTime));
    }

    [Fact]
    public async Task AppendInferences_EmptyBatch_WritesNothing()
    {
        await Store.AppendInferencesAsync([], Ct);

        Assert.Empty(await ReadEndpointAsync());
    }

    [Fact]
    public async Task SearchInferences_RecordsOutOfTimeOrder_OldestFirstThenAppendOrder()
    {
        await Store.AppendInferencesAsync([Record("late", T0 + 30), Record("tie-a", T0 + 10), Record("middle", T0 + 20)], Ct);
        await Store.AppendInferencesAsync([Record("tie-b", T0 + 10), Record("first", T0)], Ct);

        Assert.Equal(["first", "tie-a", "tie-b", "middle", "late"], RequestIds(await ReadEndpointAsync()));
    }

    [Fact]
    public async Task AppendInferences_VersionedAndUnversionedRecordsMixed_KeepsListOrderAndVersions()
    {
        int?[] versions = [1, null, null, 2, null, 3, 3];
        var records = versions.Select((v, i) => Record("r" + i, T0, version: v)).ToList();

        await Store.AppendInferencesAsync(records, Ct);

        var found = await ReadEndpointAsync();
        Assert.Equal(records.Select(r => r.RequestId), RequestIds(found));
        Assert.Equal(versions, found.Select(f => f.Record.ModelVersion));
    }

    [Fact]
    public async Task AppendInferences_TenThousandRecordsInOneBatch_AllWrittenInOrder()
    {
        var records = Enumerable.Range(0, 10_000).Select(i => Record("r" + i, T0 + (i / 7))).ToList();

        await Store.AppendInferencesAsync(records, Ct);

        Assert.Equal(records, (await ReadAllAsync(new InferenceQuery("fraud"), 10_000)).Select(f => f.Record));
    }

    [Fact]
    public async Task SearchInferences_OtherEndpoint_IsNotReturned()
    {
        await Store.AppendInferencesAsync([Record("a", endpoint: "fraud"), Record("b", endpoint: "churn"), Record("c", endpoint: "fraud-2")], Ct);

        Assert.Equal(["a"], RequestIds(await ReadEndpointAsync("fraud")));
        Assert.Equal(["b"], RequestIds(await ReadEndpointAsync("churn")));
    }

    [Fact]
    public async Task AppendInferences_BatchWithEmptyRequestId_InvalidInputNamingFieldAndIndexAndWritesNothing()
    {
        var error = await AssertThrowsGyreAsync(
            ErrorKind.InvalidInput,
            () => Store.AppendInferencesAsync([Record("ok-1"), Record("ok-2"), Record(""), Record("ok-3")], Ct));

        Assert.Contains("'request_id'", error.Message, StringComparison.Ordinal);
        Assert.Contains("index 2", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ReadEndpointAsync());
    }

    [Fact]
    public async Task AppendInferences_BatchWithNullEndpoint_InvalidInputNamingFieldAndIndexAndWritesNothing()
    {
        var error = await AssertThrowsGyreAsync(
            ErrorKind.InvalidInput,
            () => Store.AppendInferencesAsync([Record("ok-1"), Record("bad") with { Endpoint = null! }], Ct));

        Assert.Contains("'endpoint'", error.Message, StringComparison.Ordinal);
        Assert.Contains("index 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ReadEndpointAsync());
    }

    [Theory]
    [InlineData("model_name")]
    [InlineData("variant")]
    [InlineData("model_version")]
    [InlineData("inputs_json")]
    [InlineData("outputs_json")]
    [InlineData("latency_ms")]
    public async Task AppendInferences_InvalidField_InvalidInputNamingItAndWritesNothing(string field)
    {
        var good = Record("ok");
        var bad = field switch
        {
            "model_name" => good with { ModelName = "" },
            "variant" => good with { Variant = "" },
            "model_version" => good with { ModelVersion = 0 },
            "inputs_json" => good with { InputsJson = "[1, 2]" },
            "outputs_json" => good with { OutputsJson = "" },
            _ => good with { LatencyMs = double.NaN },
        };

        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.AppendInferencesAsync([good, bad], Ct));

        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("index 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ReadEndpointAsync());
    }
}
