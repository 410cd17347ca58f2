using System.Text.Json;
using Gyre.Core;

namespace Gyre.Registry.Tests;

public abstract partial class RegistryStoreContract
{
    [Fact]
    public async Task GetAuditLogAsync_EveryKindOfWrite_RecordsOneEntryEachInOrder()
    {
        var bob = new RegistryActor("bob", "promotion review");
        await CreateModelAsync();
        await Store.UpdateRegisteredModelAsync("fraud", "d", Alice, Ct);
        await Store.SetRegisteredModelTagAsync("fraud", new ModelTag("k", "v"), Alice, Ct);
        await Store.DeleteRegisteredModelTagAsync("fraud", "k", Alice, Ct);
        await RegisterAsync();
        await RegisterAsync();
        await Store.UpdateModelVersionAsync("fraud", 1, "d", Alice, Ct);
        await Store.SetModelVersionTagAsync("fraud", 1, new ModelTag("k", "v"), Alice, Ct);
        await Store.DeleteModelVersionTagAsync("fraud", 1, "k", Alice, Ct);
        await Store.TransitionModelVersionStageAsync("fraud", 1, "Staging", false, Alice, Ct);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Store.SetAliasAsync("fraud", "champion", 1, bob, Ct, "{\"policy\":\"passed\"}");
        await Store.DeleteAliasAsync("fraud", "champion", Alice, Ct);
        await Store.AppendAuditAsync("fraud", AuditActions.PromotionRefused, 2, "champion", "{\"rule\":\"auc\"}", bob, Ct);
        await Store.DeleteModelVersionAsync("fraud", 2, Alice, Ct);
        await Store.DeleteRegisteredModelAsync("fraud", Alice, Ct);

        var log = await Store.GetAuditLogAsync("fraud", Ct);

        Assert.Equal(
            [
                AuditActions.CreateModel, AuditActions.UpdateModel, AuditActions.SetModelTag, AuditActions.DeleteModelTag,
                AuditActions.RegisterVersion, AuditActions.RegisterVersion, AuditActions.UpdateVersion, AuditActions.SetVersionTag,
                AuditActions.DeleteVersionTag, AuditActions.TransitionStage, AuditActions.SetAlias, AuditActions.DeleteAlias,
                AuditActions.PromotionRefused, AuditActions.DeleteVersion, AuditActions.DeleteModel,
            ],
            log.Select(e => e.Action));
        Assert.True(log.Zip(log.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        Assert.All(log, e => Assert.Equal("fraud", e.ModelName));
        var alias = log[10];
        Assert.Equal(("bob", "promotion review", 1, "champion", "{\"policy\":\"passed\"}"), (alias.User, alias.Reason, alias.Version, alias.Alias, alias.DetailsJson));
        Assert.Equal(Clock.NowMilliseconds, alias.Time);
        Assert.Equal(ClockStart.ToUnixTimeMilliseconds(), log[0].Time);
        Assert.Equal(("alice", "first cut"), (log[0].User, log[0].Reason));
        Assert.Equal((2, (string?)null), (log[5].Version, log[5].Alias));
    }

    [Fact]
    public async Task GetAuditLogAsync_TransitionWithArchive_RecordsArchivedVersions()
    {
        await CreateModelAsync();
        await RegisterAsync();
        await RegisterAsync();
        await Store.TransitionModelVersionStageAsync("fraud", 1, "Production", false, Alice, Ct);

        await Store.TransitionModelVersionStageAsync("fraud", 2, "Production", true, Alice, Ct);

        var entry = (await Store.GetAuditLogAsync("fraud", Ct))[^1];
        using var details = JsonDocument.Parse(entry.DetailsJson!);
        Assert.Equal("None", details.RootElement.GetProperty("from").GetString());
        Assert.Equal("Production", details.RootElement.GetProperty("to").GetString());
        Assert.Equal([1], details.RootElement.GetProperty("archived").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task GetAuditLogAsync_AfterRename_NewNameHasTheWholeHistoryAndOldNameItsPart()
    {
        await CreateModelAsync();
        await RegisterAsync();
        await Store.RenameRegisteredModelAsync("fraud", "fraud-detector", Alice, Ct);
        await RegisterAsync("fraud-detector");

        var underNew = await Store.GetAuditLogAsync("fraud-detector", Ct);
        var underOld = await Store.GetAuditLogAsync("fraud", Ct);

        Assert.Equal([AuditActions.CreateModel, AuditActions.RegisterVersion, AuditActions.RenameModel, AuditActions.RegisterVersion], underNew.Select(e => e.Action));
        Assert.Equal(["fraud", "fraud", "fraud", "fraud-detector"], underNew.Select(e => e.ModelName));
        Assert.Equal([AuditActions.CreateModel, AuditActions.RegisterVersion, AuditActions.RenameModel], underOld.Select(e => e.Action));
        using var details = JsonDocument.Parse(underNew[2].DetailsJson!);
        Assert.Equal("fraud-detector", details.RootElement.GetProperty("new_name").GetString());
    }

    [Fact]
    public async Task GetAuditLogAsync_NameReusedAfterDelete_KeepsTheDeletedModelsEntries()
    {
        await CreateModelAsync();
        await Store.DeleteRegisteredModelAsync("fraud", Alice, Ct);
        await CreateModelAsync();

        var log = await Store.GetAuditLogAsync("fraud", Ct);

        Assert.Equal([AuditActions.CreateModel, AuditActions.DeleteModel, AuditActions.CreateModel], log.Select(e => e.Action));
    }

    [Fact]
    public async Task GetAuditLogAsync_FailedWrite_RecordsNothing()
    {
        await CreateModelAsync();

        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SetAliasAsync("fraud", "latest", 1, Alice, Ct));
        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.SetAliasAsync("fraud", "champion", 1, Alice, Ct));
        await AssertThrowsGyreAsync(ErrorKind.AlreadyExists, () => CreateModelAsync());

        Assert.Equal([AuditActions.CreateModel], (await Store.GetAuditLogAsync("fraud", Ct)).Select(e => e.Action));
    }

    [Fact]
    public async Task GetAuditLogAsync_UnknownName_IsEmpty() =>
        Assert.Empty(await Store.GetAuditLogAsync("never", Ct));

    [Fact]
    public async Task AppendAuditAsync_UnknownModel_ThrowsNotFound() =>
        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.AppendAuditAsync("nope", AuditActions.PromotionRefused, null, null, null, Alice, Ct));
}
