using Gyre.Core;

namespace Gyre.Tracking.Tests;

public abstract partial class TrackingStoreContract
{
    private static readonly DatasetInput Iris = new(
        "iris",
        "5f1c0a3e9b7d4c2a8e6f1b3d5c7a9e0f2b4d6c8a0e2f4b6d8c0a2e4f6b8d0c2a",
        "local",
        "/data/iris.csv",
        Schema: """{"columns":["a","b"]}""",
        Profile: """{"rows":150}""",
        Tags: [new Tag("context", "training")]);

    [Fact]
    public async Task LogInputs_Dataset_AppearsOnTheRunWithAllFields()
    {
        var info = await CreateRunAsync();

        await Store.LogInputsAsync(info.RunId, [Iris, new DatasetInput("wine", "abc", "url", "https://x/wine.csv")], Ct);
        var inputs = (await Store.GetRunAsync(info.RunId, Ct)).Inputs;

        Assert.Equal(2, inputs.Count);
        Assert.Equal(Iris with { Tags = null }, inputs[0] with { Tags = null });
        Assert.Equal([new Tag("context", "training")], inputs[0].Tags);
        Assert.Equal(new DatasetInput("wine", "abc", "url", "https://x/wine.csv", Tags: null), inputs[1] with { Tags = null });
        Assert.Empty(inputs[1].Tags ?? []);
    }

    [Fact]
    public async Task LogInputs_SameDatasetTwice_IsStoredOnce()
    {
        var info = await CreateRunAsync();

        await Store.LogInputsAsync(info.RunId, [Iris, Iris], Ct);
        await Store.LogInputsAsync(info.RunId, [Iris with { Tags = [new Tag("context", "eval")] }], Ct);

        var input = Assert.Single((await Store.GetRunAsync(info.RunId, Ct)).Inputs);
        Assert.Equal([new Tag("context", "training")], input.Tags);
    }

    [Fact]
    public async Task LogInputs_SameNameNewDigest_IsAnotherInput()
    {
        var info = await CreateRunAsync();

        await Store.LogInputsAsync(info.RunId, [Iris, Iris with { Digest = "other" }], Ct);

        Assert.Equal(2, (await Store.GetRunAsync(info.RunId, Ct)).Inputs.Count);
    }

    [Fact]
    public async Task LogInputs_SameDatasetOnTwoRuns_BothListIt()
    {
        var first = await CreateRunAsync();
        var second = await CreateRunAsync();

        await Store.LogInputsAsync(first.RunId, [Iris], Ct);
        await Store.LogInputsAsync(second.RunId, [Iris], Ct);

        Assert.Equal(Iris.Digest, Assert.Single((await Store.GetRunAsync(first.RunId, Ct)).Inputs).Digest);
        Assert.Equal(Iris.Digest, Assert.Single((await Store.GetRunAsync(second.RunId, Ct)).Inputs).Digest);
    }

    [Fact]
    public async Task LogInputs_MissingName_ThrowsInvalidInputNamingTheField()
    {
        var info = await CreateRunAsync();

        var error = await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.LogInputsAsync(info.RunId, [Iris, Iris with { Name = "" }], Ct));

        Assert.Contains("datasets[1].name", error.Message, StringComparison.Ordinal);
        Assert.Empty((await Store.GetRunAsync(info.RunId, Ct)).Inputs);
    }

    [Fact]
    public async Task LogInputs_DeletedRun_ThrowsInvalidState()
    {
        var info = await CreateRunAsync();
        await Store.DeleteRunAsync(info.RunId, Ct);

        await AssertThrowsGyreAsync(ErrorKind.InvalidState, () => Store.LogInputsAsync(info.RunId, [Iris], Ct));
    }

    [Fact]
    public async Task LogInputs_UnknownRun_ThrowsNotFound()
        => await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.LogInputsAsync(RunId.New(), [Iris], Ct));
}
