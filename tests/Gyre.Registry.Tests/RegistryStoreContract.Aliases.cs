using Gyre.Core;

namespace Gyre.Registry.Tests;

public abstract partial class RegistryStoreContract
{
    [Fact]
    public async Task SetAliasAsync_ExistingAlias_MovesItToTheNewVersion()
    {
        await CreateModelAsync();
        await RegisterAsync();
        await RegisterAsync();

        await Store.SetAliasAsync("fraud", "champion", 1, Alice, Ct);
        await Store.SetAliasAsync("fraud", "champion", 2, Alice, Ct);

        Assert.Equal(2, (await Store.GetModelVersionByAliasAsync("fraud", "champion", Ct)).Version);
        Assert.Equal([new ModelAlias("champion", 2)], (await Store.GetRegisteredModelAsync("fraud", Ct)).Aliases);
        Assert.Empty((await Store.GetModelVersionAsync("fraud", 1, Ct)).Aliases);
        Assert.Equal(["champion"], (await Store.GetModelVersionAsync("fraud", 2, Ct)).Aliases);
    }

    [Fact]
    public async Task SetAliasAsync_ConcurrentMoves_LeaveExactlyOneTarget()
    {
        await CreateModelAsync();
        for (var i = 0; i < 4; i++)
        {
            await RegisterAsync();
        }

        await Task.WhenAll(Enumerable.Range(1, 4).Select(v => Task.Run(() => Store.SetAliasAsync("fraud", "champion", v, Alice, Ct), Ct)));

        var model = await Store.GetRegisteredModelAsync("fraud", Ct);
        var alias = Assert.Single(model.Aliases);
        Assert.Equal("champion", alias.Alias);
        var last = (await Store.GetAuditLogAsync("fraud", Ct)).Last(e => e.Action == AuditActions.SetAlias);
        Assert.Equal(last.Version, alias.Version);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("LATEST")]
    [InlineData("v1")]
    [InlineData("v42")]
    [InlineData("has space")]
    [InlineData("dot.ted")]
    [InlineData("")]
    public async Task SetAliasAsync_ReservedOrMalformed_ThrowsInvalidInput(string alias)
    {
        await CreateModelAsync();
        await RegisterAsync();

        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SetAliasAsync("fraud", alias, 1, Alice, Ct));
    }

    [Theory]
    [InlineData("v1x")]
    [InlineData("version-2")]
    [InlineData("latest_good")]
    public async Task SetAliasAsync_NearReservedNames_AreAccepted(string alias)
    {
        await CreateModelAsync();
        await RegisterAsync();

        await Store.SetAliasAsync("fraud", alias, 1, Alice, Ct);

        Assert.Equal(1, (await Store.GetModelVersionByAliasAsync("fraud", alias, Ct)).Version);
    }

    [Fact]
    public async Task SetAliasAsync_LengthLimit_255AcceptedAnd256Refused()
    {
        await CreateModelAsync();
        await RegisterAsync();

        await Store.SetAliasAsync("fraud", new string('a', 255), 1, Alice, Ct);

        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SetAliasAsync("fraud", new string('a', 256), 1, Alice, Ct));
    }

    [Fact]
    public async Task SetAliasAsync_UnknownVersion_ThrowsNotFound()
    {
        await CreateModelAsync();

        var error = await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.SetAliasAsync("fraud", "champion", 3, Alice, Ct));

        Assert.Equal("Model Version (name=fraud, version=3) not found", error.Message);
    }

    [Fact]
    public async Task DeleteAliasAsync_Existing_RemovesItAndUnknownThrowsNotFound()
    {
        await CreateModelAsync();
        await RegisterAsync();
        await Store.SetAliasAsync("fraud", "champion", 1, Alice, Ct);

        await Store.DeleteAliasAsync("fraud", "champion", Alice, Ct);

        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.GetModelVersionByAliasAsync("fraud", "champion", Ct));
        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.DeleteAliasAsync("fraud", "champion", Alice, Ct));
    }

    [Fact]
    public async Task ModelReference_ResolveAsync_FollowsAliasAndVersion()
    {
        await CreateModelAsync();
        await RegisterAsync();
        await RegisterAsync();
        await Store.SetAliasAsync("fraud", "champion", 1, Alice, Ct);

        Assert.Equal(1, (await ModelReference.Parse("fraud@champion").ResolveAsync(Store, Ct)).Version);
        Assert.Equal(2, (await ModelReference.Parse("fraud/2").ResolveAsync(Store, Ct)).Version);
    }

    [Fact]
    public async Task CreateModelVersionAsync_AliasesIfFirst_GoOnlyToTheFirstVersion()
    {
        await CreateModelAsync();

        var first = await Store.CreateModelVersionAsync(new NewModelVersion("fraud", "runs:/r1/model") { AliasesIfFirst = ["champion"] }, Alice, Ct);
        var second = await Store.CreateModelVersionAsync(new NewModelVersion("fraud", "runs:/r2/model") { AliasesIfFirst = ["champion"] }, Alice, Ct);

        Assert.Equal(["champion"], first.Aliases);
        Assert.Empty(second.Aliases);
        Assert.Equal(1, (await Store.GetModelVersionByAliasAsync("fraud", "champion", Ct)).Version);
    }

    [Fact]
    public async Task CreateModelVersionAsync_ConcurrentFirstRegistrations_OnlyVersionOneGetsAliasesIfFirst()
    {
        await CreateModelAsync();

        var created = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(
            () => Store.CreateModelVersionAsync(new NewModelVersion("fraud", $"runs:/r{i}/model") { AliasesIfFirst = ["champion"] }, Alice, Ct), Ct)));

        Assert.Equal(["champion"], created.Single(v => v.Version == 1).Aliases);
        Assert.All(created.Where(v => v.Version != 1), v => Assert.Empty(v.Aliases));
        Assert.Single((await Store.GetAuditLogAsync("fraud", Ct)), e => e.Action == AuditActions.SetAlias);
    }

    [Fact]
    public async Task PromoteAliasAsync_ExpectedCurrentMatches_MovesAliasAndAppendsBothEntriesWithDetails()
    {
        await CreateModelAsync();
        await RegisterAsync();
        await RegisterAsync();
        await Store.SetAliasAsync("fraud", "champion", 1, Alice, Ct);

        await Store.PromoteAliasAsync("fraud", "champion", 2, 1, """{"promoted":true}""", Alice, Ct);

        Assert.Equal(2, (await Store.GetModelVersionByAliasAsync("fraud", "champion", Ct)).Version);
        var log = await Store.GetAuditLogAsync("fraud", Ct);
        var moved = log[^2];
        var promoted = log[^1];
        Assert.Equal((AuditActions.SetAlias, 2, "champion", """{"promoted":true}"""), (moved.Action, moved.Version!.Value, moved.Alias!, moved.DetailsJson!));
        Assert.Equal((AuditActions.Promote, 2, "champion", """{"promoted":true}"""), (promoted.Action, promoted.Version!.Value, promoted.Alias!, promoted.DetailsJson!));
    }

    [Fact]
    public async Task PromoteAliasAsync_AliasMovedMeanwhile_ThrowsInvalidStateAndChangesNothing()
    {
        await CreateModelAsync();
        await RegisterAsync();
        await RegisterAsync();
        await RegisterAsync();
        await Store.SetAliasAsync("fraud", "champion", 3, Alice, Ct);
        var entries = (await Store.GetAuditLogAsync("fraud", Ct)).Count;

        var error = await Assert.ThrowsAsync<GyreException>(() => Store.PromoteAliasAsync("fraud", "champion", 2, 1, "{}", Alice, Ct));

        Assert.Equal(ErrorKind.InvalidState, error.Kind);
        Assert.Contains("version 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await Store.GetModelVersionByAliasAsync("fraud", "champion", Ct)).Version);
        Assert.Equal(entries, (await Store.GetAuditLogAsync("fraud", Ct)).Count);
    }

    [Fact]
    public async Task PromoteAliasAsync_NullExpectedButAliasExists_ThrowsInvalidState()
    {
        await CreateModelAsync();
        await RegisterAsync();
        await RegisterAsync();
        await Store.SetAliasAsync("fraud", "champion", 1, Alice, Ct);

        await AssertThrowsGyreAsync(ErrorKind.InvalidState, () => Store.PromoteAliasAsync("fraud", "champion", 2, null, "{}", Alice, Ct));
        await Store.PromoteAliasAsync("fraud", "challenger", 2, null, "{}", Alice, Ct);

        Assert.Equal(2, (await Store.GetModelVersionByAliasAsync("fraud", "challenger", Ct)).Version);
    }
}
