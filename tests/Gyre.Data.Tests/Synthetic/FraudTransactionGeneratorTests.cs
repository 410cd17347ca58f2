using Gyre.Core;
using Gyre.Data.Loading;
using Gyre.Data.Synthetic;
using Gyre.Data.Tables;

namespace Gyre.Data.Tests.Synthetic;

public sealed class FraudTransactionGeneratorTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static bool NightOnlineSpike(FraudTransaction t) =>
        t.Channel == "online" && (t.HourOfDay >= 22 || t.HourOfDay <= 4) && t.AmountToAvgRatio > 3;

    private static bool CardPresentSpike(FraudTransaction t) =>
        t.CardPresent && t.AmountToAvgRatio > 2 && t.MerchantCategory is "gas_transport" or "grocery" or "retail" or "restaurants";

    private static double FraudRate(IEnumerable<FraudTransaction> rows) => rows.Average(t => t.IsFraud ? 1.0 : 0.0);

    [Fact]
    public async Task WriteCsvAsync_SameSeed_WritesIdenticalBytes()
    {
        var a = _temp.File("a.csv");
        var b = _temp.File("b.csv");
        var c = _temp.File("c.csv");
        await FraudTransactionGenerator.WriteCsvAsync(a, 2_000, 42, FraudDrift.None, Ct);
        await FraudTransactionGenerator.WriteCsvAsync(b, 2_000, 42, FraudDrift.None, Ct);
        await FraudTransactionGenerator.WriteCsvAsync(c, 2_000, 43, FraudDrift.None, Ct);
        Assert.Equal(await File.ReadAllBytesAsync(a, Ct), await File.ReadAllBytesAsync(b, Ct));
        Assert.NotEqual(await File.ReadAllBytesAsync(a, Ct), await File.ReadAllBytesAsync(c, Ct));
        Assert.Equal(3, Directory.GetFiles(_temp.Path).Length);
    }

    [Fact]
    public async Task WriteCsvAsync_LoadsWithExpectedColumnsAndTypes()
    {
        var path = _temp.File("fraud.csv");
        await FraudTransactionGenerator.WriteCsvAsync(path, 3_000, 7, FraudDrift.None, Ct);
        var table = await TableLoader.LoadAsync(path, cancellationToken: Ct);
        Assert.Equal(3_000, table.RowCount);
        Assert.Equal(FraudTransactionGenerator.ColumnNames, table.Schema.Columns.Select(c => c.Name));
        Assert.InRange(table.Columns.Count, 18, 25);
        Assert.Equal(ColumnType.DateTime, table.Schema.Get("timestamp").Type);
        Assert.Equal(ColumnType.Numeric, table.Schema.Get("amount").Type);
        Assert.Equal(ColumnType.Categorical, table.Schema.Get("merchant_category").Type);
        Assert.Equal(["atm", "online", "pos"], table.Schema.Get("channel").Categories);
        Assert.Equal(ColumnType.Text, table.Schema.Get("transaction_id").Type);
        Assert.Equal([0.0, 1.0], ((NumericColumn)table["is_fraud"]).Values.Distinct().Order());
        Assert.All(table.Schema.Columns, c => Assert.False(c.Nullable));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(99L)]
    public void Generate_TenThousandRows_FraudRateBetweenTwoAndFivePercent(long seed)
    {
        Assert.InRange(FraudRate(FraudTransactionGenerator.Generate(10_000, seed, FraudDrift.None)), 0.02, 0.05);
        Assert.InRange(FraudRate(FraudTransactionGenerator.Generate(10_000, seed, FraudDrift.Concept)), 0.02, 0.05);
    }

    [Fact]
    public void Generate_FraudConcentratesWhereTheRuleSaysNotElsewhere()
    {
        var rows = FraudTransactionGenerator.Generate(50_000, 5, FraudDrift.None).ToList();
        var spike = FraudRate(rows.Where(NightOnlineSpike));
        var quiet = FraudRate(rows.Where(t => t.CardPresent && !t.IsForeign && t.TxnCount1h == 0));
        Assert.True(spike > 0.5, $"fraud rate among night-time online spikes is {spike:P1}");
        Assert.True(quiet < 0.01, $"fraud rate among ordinary card-present rows is {quiet:P1}");
    }

    [Fact]
    public void Generate_Covariate_ShiftsFeatureDistributions()
    {
        var reference = FraudTransactionGenerator.Generate(20_000, 3, FraudDrift.None).ToList();
        var drifted = FraudTransactionGenerator.Generate(20_000, 3, FraudDrift.Covariate).ToList();
        Assert.True(drifted.Average(t => t.Amount) > 1.3 * reference.Average(t => t.Amount));
        Assert.True(drifted.Average(t => t.Channel == "online" ? 1.0 : 0.0) > reference.Average(t => t.Channel == "online" ? 1.0 : 0.0) + 0.1);
        Assert.True(drifted.Average(t => t.HourOfDay is >= 22 or <= 4 ? 1.0 : 0.0) > 1.5 * reference.Average(t => t.HourOfDay is >= 22 or <= 4 ? 1.0 : 0.0));
    }

    [Fact]
    public void Generate_Covariate_KeepsTheLabelRule()
    {
        var reference = FraudTransactionGenerator.Generate(50_000, 3, FraudDrift.None).ToList();
        var drifted = FraudTransactionGenerator.Generate(50_000, 4, FraudDrift.Covariate).ToList();
        Assert.All(drifted.Take(100), t => Assert.Equal(FraudTransactionGenerator.FraudLogit(t, FraudDrift.None), FraudTransactionGenerator.FraudLogit(t, FraudDrift.Covariate)));
        Assert.InRange(FraudRate(drifted.Where(NightOnlineSpike)) - FraudRate(reference.Where(NightOnlineSpike)), -0.1, 0.1);
    }

    [Fact]
    public void Generate_Concept_KeepsFeaturesButChangesWhatDrivesFraud()
    {
        var reference = FraudTransactionGenerator.Generate(50_000, 11, FraudDrift.None).ToList();
        var concept = FraudTransactionGenerator.Generate(50_000, 12, FraudDrift.Concept).ToList();
        var referenceAmount = reference.Average(t => t.Amount);
        Assert.InRange(concept.Average(t => t.Amount) / referenceAmount, 0.95, 1.05);
        Assert.InRange(concept.Average(t => t.Channel == "online" ? 1.0 : 0.0) - reference.Average(t => t.Channel == "online" ? 1.0 : 0.0), -0.02, 0.02);

        Assert.True(FraudRate(reference.Where(NightOnlineSpike)) > 0.5);
        Assert.True(FraudRate(concept.Where(NightOnlineSpike)) < 0.1);
        Assert.True(FraudRate(reference.Where(CardPresentSpike)) < 0.05);
        Assert.True(FraudRate(concept.Where(CardPresentSpike)) > 0.3);
    }

    [Fact]
    public async Task WriteCsvAsync_NoRows_ThrowsInvalidInputNamingParameter()
    {
        var ex = await Assert.ThrowsAsync<GyreException>(() => FraudTransactionGenerator.WriteCsvAsync(_temp.File("x.csv"), 0, 1, FraudDrift.None, Ct));
        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("'rows'", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_temp.Path));
    }
}
