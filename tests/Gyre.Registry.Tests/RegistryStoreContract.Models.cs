using Gyre.Core;

namespace Gyre.Registry.Tests;

public abstract partial class RegistryStoreContract
{
    [Fact]
    public async Task CreateRegisteredModelAsync_NewName_StoresDescriptionTagsAndClockTimes()
    {
        var created = await Store.CreateRegisteredModelAsync("fraud", "detects fraud", [new ModelTag("team", "risk"), new ModelTag("team", "fraud-ops")], Alice, Ct);
        var read = await Store.GetRegisteredModelAsync("fraud", Ct);

        Assert.Equal("fraud", read.Name);
        Assert.Equal("detects fraud", read.Description);
        Assert.Equal([new ModelTag("team", "fraud-ops")], read.Tags);
        Assert.Equal(Clock.NowMilliseconds, read.CreationTime);
        Assert.Equal(Clock.NowMilliseconds, read.LastUpdatedTime);
        Assert.Empty(read.LatestVersions);
        Assert.Equal(created.Tags, read.Tags);
    }

    [Fact]
    public async Task CreateRegisteredModelAsync_TakenName_ThrowsAlreadyExistsWithMlflowMessage()
    {
        await CreateModelAsync();

        var error = await AssertThrowsGyreAsync(ErrorKind.AlreadyExists, () => CreateModelAsync());

        Assert.Equal("Registered Model (name=fraud) already exists.", error.Message);
    }

    [Fact]
    public async Task CreateRegisteredModelAsync_SameNameEightAtOnce_ExactlyOneSucceeds()
    {
        var attempts = Enumerable.Range(0, 8).Select(_ => Task.Run(() => CreateModelAsync(), Ct)).ToList();

        var outcomes = new List<ErrorKind?>();
        foreach (var attempt in attempts)
        {
            try
            {
                await attempt;
                outcomes.Add(null);
            }
            catch (GyreException e)
            {
                outcomes.Add(e.Kind);
            }
        }

        Assert.Single(outcomes, o => o is null);
        Assert.Equal(7, outcomes.Count(o => o == ErrorKind.AlreadyExists));
        Assert.Equal([AuditActions.CreateModel], (await Store.GetAuditLogAsync("fraud", Ct)).Select(e => e.Action));
    }

    [Fact]
    public async Task CreateRegisteredModelAsync_EmptyName_ThrowsInvalidInput() =>
        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => CreateModelAsync(""));

    [Fact]
    public async Task GetRegisteredModelAsync_Unknown_ThrowsNotFoundWithMlflowMessage()
    {
        var error = await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.GetRegisteredModelAsync("nope", Ct));

        Assert.Equal("Registered Model with name=nope not found", error.Message);
    }

    [Fact]
    public async Task UpdateRegisteredModelAsync_NewDescription_StoresItAndMovesUpdateTime()
    {
        await CreateModelAsync();
        Clock.Advance(TimeSpan.FromSeconds(5));

        var updated = await Store.UpdateRegisteredModelAsync("fraud", "v2 description", Alice, Ct);

        Assert.Equal("v2 description", (await Store.GetRegisteredModelAsync("fraud", Ct)).Description);
        Assert.Equal(Clock.NowMilliseconds, updated.LastUpdatedTime);
        Assert.Equal(ClockStart.ToUnixTimeMilliseconds(), updated.CreationTime);
    }

    [Fact]
    public async Task RenameRegisteredModelAsync_WithVersionsAndAliases_CarriesThemToTheNewName()
    {
        await CreateModelAsync();
        await RegisterAsync();
        await RegisterAsync();
        await Store.SetAliasAsync("fraud", "champion", 2, Alice, Ct);

        await Store.RenameRegisteredModelAsync("fraud", "fraud-detector", Alice, Ct);

        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.GetRegisteredModelAsync("fraud", Ct));
        var renamed = await Store.GetRegisteredModelAsync("fraud-detector", Ct);
        Assert.Equal([new ModelAlias("champion", 2)], renamed.Aliases);
        var champion = await Store.GetModelVersionByAliasAsync("fraud-detector", "champion", Ct);
        Assert.Equal(("fraud-detector", 2), (champion.Name, champion.Version));
        Assert.Equal(3, (await RegisterAsync("fraud-detector")).Version);
    }

    [Fact]
    public async Task RenameRegisteredModelAsync_TakenName_ThrowsAlreadyExistsAndChangesNothing()
    {
        await CreateModelAsync("a");
        await CreateModelAsync("b");

        var error = await AssertThrowsGyreAsync(ErrorKind.AlreadyExists, () => Store.RenameRegisteredModelAsync("a", "b", Alice, Ct));

        Assert.Equal("Registered Model (name=b) already exists.", error.Message);
        Assert.Equal("a", (await Store.GetRegisteredModelAsync("a", Ct)).Name);
    }

    [Fact]
    public async Task DeleteRegisteredModelAsync_WithVersions_RemovesEverythingAndFreesTheName()
    {
        await CreateModelAsync();
        await RegisterAsync();
        await Store.SetAliasAsync("fraud", "champion", 1, Alice, Ct);

        await Store.DeleteRegisteredModelAsync("fraud", Alice, Ct);

        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.GetRegisteredModelAsync("fraud", Ct));
        Assert.Empty((await Store.SearchModelVersionsAsync("name = 'fraud'", 100, null, null, Ct)).Items);
        await CreateModelAsync();
        Assert.Equal(1, (await RegisterAsync()).Version);
        Assert.Empty((await Store.GetRegisteredModelAsync("fraud", Ct)).Aliases);
    }

    [Fact]
    public async Task DeleteRegisteredModelAsync_Unknown_ThrowsNotFound() =>
        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.DeleteRegisteredModelAsync("nope", Alice, Ct));

    [Fact]
    public async Task SetRegisteredModelTagAsync_ExistingKey_OverwritesAndDeleteRemoves()
    {
        await CreateModelAsync();

        await Store.SetRegisteredModelTagAsync("fraud", new ModelTag("owner", "alice"), Alice, Ct);
        await Store.SetRegisteredModelTagAsync("fraud", new ModelTag("owner", "bob"), Alice, Ct);
        var afterSet = await Store.GetRegisteredModelAsync("fraud", Ct);
        await Store.DeleteRegisteredModelTagAsync("fraud", "owner", Alice, Ct);

        Assert.Equal([new ModelTag("owner", "bob")], afterSet.Tags);
        Assert.Empty((await Store.GetRegisteredModelAsync("fraud", Ct)).Tags);
    }

    [Theory]
    [InlineData(251, 1)]
    [InlineData(1, 5001)]
    public async Task SetRegisteredModelTagAsync_OverLimit_ThrowsInvalidInput(int keyLength, int valueLength)
    {
        await CreateModelAsync();

        await AssertThrowsGyreAsync(
            ErrorKind.InvalidInput, () => Store.SetRegisteredModelTagAsync("fraud", new ModelTag(new string('k', keyLength), new string('v', valueLength)), Alice, Ct));
    }

    [Fact]
    public async Task SetRegisteredModelTagAsync_AtLimits_IsStored()
    {
        await CreateModelAsync();
        var tag = new ModelTag(new string('k', 250), new string('v', 5000));

        await Store.SetRegisteredModelTagAsync("fraud", tag, Alice, Ct);

        Assert.Equal([tag], (await Store.GetRegisteredModelAsync("fraud", Ct)).Tags);
    }
}
