using System.Text.Json;
using Gyre.Pipelines.Registry;
using Gyre.Registry;
using Gyre.Registry.Promotion;
using Gyre.Stores.Sqlite;

namespace Gyre.Cli.Tests.Models;

/// <summary>
/// <see cref="ModelPromotion"/> on a real SQLite registry with versions whose recorded metrics are given: the alias
/// moves only when the policy holds, and both outcomes are in the audit log with the numbers.
/// </summary>
public sealed class ModelPromotionTests : IAsyncLifetime
{
    private const string Signature = """{"inputs":[{"name":"amount","type":"float"}],"outputs":[{"name":"score","type":"float"}]}""";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "gyre-promotion-" + Guid.NewGuid().ToString("N"));
    private readonly RegistryActor actor = new("tester", "weekly retrain");
    private SqliteTrackingStore store = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        store = await SqliteTrackingStore.OpenAsync(Path.Combine(folder, "gyre.db"), Path.Combine(folder, "artifacts"), null, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private async Task<int> AddVersionAsync(string alias, double auc, string signature = Signature)
    {
        var token = TestContext.Current.CancellationToken;
        var version = await store.CreateModelVersionAsync(
            new NewModelVersion("fraud", "runs:/" + Guid.NewGuid().ToString("N") + "/model")
            {
                Package = new PackageFacts(new string('a', 64), "mlnet", signature, new Dictionary<string, double> { ["auc"] = auc }),
            },
            actor, token);
        await store.SetAliasAsync("fraud", alias, version.Version, actor, token);
        return version.Version;
    }

    private async Task CreateModelAsync() =>
        await store.CreateRegisteredModelAsync("fraud", null, null, actor, TestContext.Current.CancellationToken);

    [Fact]
    public async Task PromoteAsync_ChallengerBetterByDelta_MovesAliasAndAuditsPromote()
    {
        var token = TestContext.Current.CancellationToken;
        await CreateModelAsync();
        await AddVersionAsync("champion", 0.80);
        var challenger = await AddVersionAsync("challenger", 0.86);

        var outcome = await new ModelPromotion(store).PromoteAsync("fraud", "challenger", "champion", new PromotionPolicy("auc", 0.02, new Dictionary<string, double>()), actor, token);

        Assert.True(outcome.Promoted);
        Assert.Equal(challenger, (await store.GetModelVersionByAliasAsync("fraud", "champion", token)).Version);
        var entry = (await store.GetAuditLogAsync("fraud", token))[^1];
        Assert.Equal(AuditActions.Promote, entry.Action);
        using var details = JsonDocument.Parse(entry.DetailsJson!);
        Assert.Equal(0.86, details.RootElement.GetProperty("rules")[0].GetProperty("challenger").GetDouble());
    }

    [Fact]
    public async Task PromoteAsync_ImprovementBelowDelta_LeavesAliasAndAuditsRefusalWithNumbers()
    {
        var token = TestContext.Current.CancellationToken;
        await CreateModelAsync();
        var champion = await AddVersionAsync("champion", 0.80);
        await AddVersionAsync("challenger", 0.81);

        var outcome = await new ModelPromotion(store).PromoteAsync("fraud", "challenger", "champion", new PromotionPolicy("auc", 0.02, new Dictionary<string, double>()), actor, token);

        Assert.False(outcome.Promoted);
        Assert.Equal(champion, (await store.GetModelVersionByAliasAsync("fraud", "champion", token)).Version);
        var entry = (await store.GetAuditLogAsync("fraud", token))[^1];
        Assert.Equal(AuditActions.PromotionRefused, entry.Action);
        using var details = JsonDocument.Parse(entry.DetailsJson!);
        var rule = details.RootElement.GetProperty("rules")[0];
        Assert.False(rule.GetProperty("passed").GetBoolean());
        Assert.Equal(0.80, rule.GetProperty("champion").GetDouble());
        Assert.Equal(0.81, rule.GetProperty("challenger").GetDouble());
    }

    [Fact]
    public async Task PromoteAsync_IncompatibleSignature_Refused()
    {
        var token = TestContext.Current.CancellationToken;
        await CreateModelAsync();
        var champion = await AddVersionAsync("champion", 0.80);
        await AddVersionAsync("challenger", 0.90, """{"inputs":[{"name":"amount","type":"string"}],"outputs":[{"name":"score","type":"float"}]}""");

        var outcome = await new ModelPromotion(store).PromoteAsync("fraud", "challenger", "champion", new PromotionPolicy("auc", 0, new Dictionary<string, double>()), actor, token);

        Assert.False(outcome.Promoted);
        Assert.False(outcome.Decision.Rules.Single(r => r.Rule == "compatible_signature").Passed);
        Assert.Equal(champion, (await store.GetModelVersionByAliasAsync("fraud", "champion", token)).Version);
    }

    [Fact]
    public async Task PromoteAsync_TargetAliasMissing_SetsItWithoutRules()
    {
        var token = TestContext.Current.CancellationToken;
        await CreateModelAsync();
        var challenger = await AddVersionAsync("challenger", 0.70);

        var outcome = await new ModelPromotion(store).PromoteAsync("fraud", "challenger", "production", new PromotionPolicy("auc", 0.5, new Dictionary<string, double>()), actor, token);

        Assert.True(outcome.Promoted);
        Assert.Null(outcome.ChampionVersion);
        Assert.Equal(challenger, (await store.GetModelVersionByAliasAsync("fraud", "production", token)).Version);
    }
}
