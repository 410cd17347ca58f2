using Gyre.Core;

namespace Gyre.Registry.Tests;

public abstract partial class RegistryStoreContract
{
    [Fact]
    public async Task CreateModelVersionAsync_Repeated_NumbersFromOnePerModel()
    {
        await CreateModelAsync("a");
        await CreateModelAsync("b");

        var a1 = await RegisterAsync("a");
        var a2 = await RegisterAsync("a");
        var b1 = await RegisterAsync("b");

        Assert.Equal([1, 2, 1], [a1.Version, a2.Version, b1.Version]);
    }

    [Fact]
    public async Task CreateModelVersionAsync_WithAliases_SetsThemWithOneAuditEntryEach()
    {
        await CreateModelAsync();
        await RegisterAsync();
        await Store.SetAliasAsync("fraud", "champion", 1, Alice, Ct);

        var created = await Store.CreateModelVersionAsync(new NewModelVersion("fraud", "runs:/r2/model") { Aliases = ["champion", "candidate"] }, Alice, Ct);

        Assert.Equal(["candidate", "champion"], created.Aliases.Order(StringComparer.Ordinal));
        Assert.Equal(2, (await Store.GetModelVersionByAliasAsync("fraud", "champion", Ct)).Version);
        Assert.Empty((await Store.GetModelVersionAsync("fraud", 1, Ct)).Aliases);
        var aliasEntries = (await Store.GetAuditLogAsync("fraud", Ct)).Where(e => e.Action == AuditActions.SetAlias && e.Version == 2).ToList();
        Assert.Equal(["candidate", "champion"], aliasEntries.Select(e => e.Alias!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("v3")]
    public async Task CreateModelVersionAsync_ReservedAlias_FailsWithoutLeavingAVersion(string alias)
    {
        await CreateModelAsync();

        var error = await Assert.ThrowsAsync<GyreException>(
            () => Store.CreateModelVersionAsync(new NewModelVersion("fraud", "runs:/r/model") { Aliases = ["champion", alias] }, Alice, Ct));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Empty((await Store.SearchModelVersionsAsync("name = 'fraud'", 10, null, null, Ct)).Items);
        Assert.Empty((await Store.GetRegisteredModelAsync("fraud", Ct)).Aliases);
        Assert.DoesNotContain(await Store.GetAuditLogAsync("fraud", Ct), e => e.Action is AuditActions.RegisterVersion or AuditActions.SetAlias);
    }

    [Fact]
    public async Task CreateModelVersionAsync_AfterDeletingTheNewest_ContinuesFromMaxPlusOne()
    {
        await CreateModelAsync();
        await RegisterAsync();
        await RegisterAsync();
        await RegisterAsync();
        await Store.DeleteModelVersionAsync("fraud", 3, Alice, Ct);
        await Store.DeleteModelVersionAsync("fraud", 1, Alice, Ct);

        Assert.Equal(3, (await RegisterAsync()).Version);
    }

    [Fact]
    public async Task CreateModelVersionAsync_EightAtOnce_GetVersionsOneToEightExactly()
    {
        await CreateModelAsync();

        var versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => RegisterAsync(source: $"runs:/r{i}/model"), Ct)));

        Assert.Equal(Enumerable.Range(1, 8), versions.Select(v => v.Version).Order());
        var stored = await Store.SearchModelVersionsAsync("name = 'fraud'", 100, ["version_number ASC"], null, Ct);
        Assert.Equal(Enumerable.Range(1, 8), stored.Items.Select(v => v.Version));
        Assert.Equal(8, stored.Items.Select(v => v.Source).Distinct().Count());
    }

    [Fact]
    public async Task CreateModelVersionAsync_AllFields_RoundTripWithPackageFacts()
    {
        await CreateModelAsync();
        var runId = new RunId("0123456789abcdef0123456789abcdef");
        var package = new PackageFacts(new string('a', 64), "mlnet", "{\"inputs\":[]}", new Dictionary<string, double> { ["auc"] = 0.91, ["loss"] = double.NaN });

        await Store.CreateModelVersionAsync(
            new NewModelVersion("fraud", "file:///models/fraud")
            {
                RunId = runId,
                RunLink = "http://x/run",
                Description = "first",
                Tags = [new ModelTag("k", "v")],
                UserId = "alice",
                Package = package,
            },
            Alice,
            Ct);
        var read = await Store.GetModelVersionAsync("fraud", 1, Ct);

        Assert.Equal(("fraud", 1, "file:///models/fraud", runId, "http://x/run", "first", "alice"), (read.Name, read.Version, read.Source, read.RunId, read.RunLink, read.Description, read.UserId));
        Assert.Equal((ModelStages.None, ModelVersionStatus.Ready, Clock.NowMilliseconds), (read.Stage, read.Status, read.CreationTime));
        Assert.Equal([new ModelTag("k", "v")], read.Tags);
        Assert.NotNull(read.Package);
        Assert.Equal((package.Sha256, package.Flavor, package.SignatureJson), (read.Package.Sha256, read.Package.Flavor, read.Package.SignatureJson));
        Assert.Equal(0.91, read.Package.Metrics["auc"]);
        Assert.True(double.IsNaN(read.Package.Metrics["loss"]));
    }

    [Fact]
    public async Task CreateModelVersionAsync_WithoutPackage_HasNoPackageFacts()
    {
        await CreateModelAsync();

        Assert.Null((await RegisterAsync()).Package);
    }

    [Fact]
    public async Task CreateModelVersionAsync_UnknownModel_ThrowsNotFound()
    {
        var error = await AssertThrowsGyreAsync(ErrorKind.NotFound, () => RegisterAsync("nope"));

        Assert.Equal("Registered Model with name=nope not found", error.Message);
    }

    [Fact]
    public async Task GetModelVersionAsync_Unknown_ThrowsNotFoundWithMlflowMessage()
    {
        await CreateModelAsync();

        var error = await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.GetModelVersionAsync("fraud", 7, Ct));

        Assert.Equal("Model Version (name=fraud, version=7) not found", error.Message);
    }

    [Fact]
    public async Task UpdateModelVersionAsync_Description_StoresItAndMovesUpdateTime()
    {
        await CreateModelAsync();
        await RegisterAsync();
        Clock.Advance(TimeSpan.FromSeconds(3));

        await Store.UpdateModelVersionAsync("fraud", 1, "better", Alice, Ct);
        var read = await Store.GetModelVersionAsync("fraud", 1, Ct);

        Assert.Equal(("better", Clock.NowMilliseconds), (read.Description, read.LastUpdatedTime));
    }

    [Fact]
    public async Task SetModelVersionTagAsync_ThenDelete_TagsFollow()
    {
        await CreateModelAsync();
        await RegisterAsync();

        await Store.SetModelVersionTagAsync("fraud", 1, new ModelTag("validated", "yes"), Alice, Ct);
        var tagged = await Store.GetModelVersionAsync("fraud", 1, Ct);
        await Store.DeleteModelVersionTagAsync("fraud", 1, "validated", Alice, Ct);

        Assert.Equal([new ModelTag("validated", "yes")], tagged.Tags);
        Assert.Empty((await Store.GetModelVersionAsync("fraud", 1, Ct)).Tags);
        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.SetModelVersionTagAsync("fraud", 2, new ModelTag("a", "b"), Alice, Ct));
        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.SetModelVersionTagAsync("fraud", 1, new ModelTag("a", new string('v', 5001)), Alice, Ct));
    }

    [Fact]
    public async Task TransitionModelVersionStageAsync_AnyCase_StoresCanonicalStage()
    {
        await CreateModelAsync();
        await RegisterAsync();

        var moved = await Store.TransitionModelVersionStageAsync("fraud", 1, "pRoDuCtIoN", false, Alice, Ct);

        Assert.Equal(ModelStages.Production, moved.Stage);
        Assert.Equal(ModelStages.Production, (await Store.GetModelVersionAsync("fraud", 1, Ct)).Stage);
    }

    [Fact]
    public async Task TransitionModelVersionStageAsync_UnknownStage_ThrowsInvalidInput()
    {
        await CreateModelAsync();
        await RegisterAsync();

        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.TransitionModelVersionStageAsync("fraud", 1, "Deployed", false, Alice, Ct));
    }

    [Fact]
    public async Task TransitionModelVersionStageAsync_ArchiveExisting_ArchivesOnlyOthersInThatStage()
    {
        await CreateModelAsync();
        for (var i = 0; i < 4; i++)
        {
            await RegisterAsync();
        }

        await Store.TransitionModelVersionStageAsync("fraud", 1, "Production", false, Alice, Ct);
        await Store.TransitionModelVersionStageAsync("fraud", 2, "Production", false, Alice, Ct);
        await Store.TransitionModelVersionStageAsync("fraud", 3, "Staging", false, Alice, Ct);
        await Store.TransitionModelVersionStageAsync("fraud", 4, "production", true, Alice, Ct);

        var stages = new List<string>();
        for (var v = 1; v <= 4; v++)
        {
            stages.Add((await Store.GetModelVersionAsync("fraud", v, Ct)).Stage);
        }

        Assert.Equal([ModelStages.Archived, ModelStages.Archived, ModelStages.Staging, ModelStages.Production], stages);
    }

    [Fact]
    public async Task TransitionModelVersionStageAsync_ArchiveExistingToNone_ThrowsInvalidInput()
    {
        await CreateModelAsync();
        await RegisterAsync();

        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.TransitionModelVersionStageAsync("fraud", 1, "None", true, Alice, Ct));
    }

    [Fact]
    public async Task GetLatestVersionsAsync_SeveralStages_NewestPerStage()
    {
        await CreateModelAsync();
        for (var i = 0; i < 5; i++)
        {
            await RegisterAsync();
        }

        await Store.TransitionModelVersionStageAsync("fraud", 1, "Production", false, Alice, Ct);
        await Store.TransitionModelVersionStageAsync("fraud", 3, "Production", false, Alice, Ct);
        await Store.TransitionModelVersionStageAsync("fraud", 2, "Staging", false, Alice, Ct);

        var all = await Store.GetLatestVersionsAsync("fraud", null, Ct);
        var production = await Store.GetLatestVersionsAsync("fraud", ["production"], Ct);
        var model = await Store.GetRegisteredModelAsync("fraud", Ct);

        Assert.Equal([(ModelStages.None, 5), (ModelStages.Staging, 2), (ModelStages.Production, 3)], all.Select(v => (v.Stage, v.Version)));
        Assert.Equal(3, Assert.Single(production).Version);
        Assert.Equal(all.Select(v => v.Version), model.LatestVersions.Select(v => v.Version));
        Assert.Empty(await Store.GetLatestVersionsAsync("fraud", ["Archived"], Ct));
        await AssertThrowsGyreAsync(ErrorKind.InvalidInput, () => Store.GetLatestVersionsAsync("fraud", ["Live"], Ct));
    }

    [Fact]
    public async Task DeleteModelVersionAsync_Existing_RemovesItAndItsAliasesOnly()
    {
        await CreateModelAsync();
        await RegisterAsync();
        await RegisterAsync();
        await Store.SetAliasAsync("fraud", "champion", 1, Alice, Ct);
        await Store.SetAliasAsync("fraud", "old", 1, Alice, Ct);
        await Store.SetAliasAsync("fraud", "challenger", 2, Alice, Ct);

        await Store.DeleteModelVersionAsync("fraud", 1, Alice, Ct);

        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.GetModelVersionAsync("fraud", 1, Ct));
        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.GetModelVersionByAliasAsync("fraud", "champion", Ct));
        Assert.Equal([new ModelAlias("challenger", 2)], (await Store.GetRegisteredModelAsync("fraud", Ct)).Aliases);
        await AssertThrowsGyreAsync(ErrorKind.NotFound, () => Store.DeleteModelVersionAsync("fraud", 1, Alice, Ct));
    }
}
