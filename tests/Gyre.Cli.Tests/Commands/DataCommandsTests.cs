using Gyre.Cli.Tests.Support;
using Gyre.Data.Synthetic;

namespace Gyre.Cli.Tests.Commands;

/// <summary>`gyre data profile|schema|validate|synth` end to end.</summary>
public sealed class DataCommandsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Profile_RaggedRow_ExitsOneNamingFileAndLine()
    {
        var path = _folder.Write("ragged.csv", "a,b,c\n1,2,3\n4,5,6\n7,8\n");

        var result = await _folder.Cli().RunAsync("data", "profile", "ragged.csv");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains(path, result.Error, StringComparison.Ordinal);
        Assert.Contains("line 4", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_NonNumericValueInColumnForcedNumeric_ExitsOneNamingLineAndColumn()
    {
        var path = _folder.Write("mixed.csv", "id,code,y\n1,10,a\n2,11,b\n3,x7,c\n4,12,d\n");
        var cli = _folder.Cli();

        var inferred = await cli.RunAsync("data", "profile", "mixed.csv", "--json");
        var forced = await cli.RunAsync("data", "profile", "mixed.csv", "--type", "code=numeric");

        inferred.AssertExit(ExitCodes.Success);
        forced.AssertExit(ExitCodes.Failure);
        Assert.Contains(path, forced.Error, StringComparison.Ordinal);
        Assert.Contains("line 4", forced.Error, StringComparison.Ordinal);
        Assert.Contains("'code'", forced.Error, StringComparison.Ordinal);
        Assert.Contains("'x7'", forced.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_MissingFile_ExitsOneNamingFile()
    {
        var result = await _folder.Cli().RunAsync("data", "profile", "nowhere.csv");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains(_folder.Combine("nowhere.csv"), result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_EmptyFile_ExitsOneNamingFile()
    {
        var path = _folder.Write("empty.csv", string.Empty);

        var result = await _folder.Cli().RunAsync("data", "profile", "empty.csv");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains(path, result.Error, StringComparison.Ordinal);
        Assert.Contains("empty", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Profile_UnknownTypeOverride_ExitsOneNamingIt()
    {
        _folder.Write("small.csv", "a\n1\n");

        var result = await _folder.Cli().RunAsync("data", "profile", "small.csv", "--type", "a=quaternion");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains("a=quaternion", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_Json_HasRowCountAndPerColumnStatistics()
    {
        double[] x = [1.5, 2, 3.25, 4, 10];
        double[] y = [5, 6, 7];
        var rows = new[] { "1.5,a,5", "2,b,", "3.25,a,6", "4,,7", "10,a," };
        _folder.Write("small.csv", "x,cat,y\n" + string.Join('\n', rows) + "\n");

        var result = await _folder.Cli().RunOkAsync("data", "profile", "small.csv", "--json");
        var profile = result.Json();

        Assert.Equal(rows.Length, profile["row_count"]!.GetValue<int>());
        var columns = profile["columns"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!);
        Assert.Equal(["x", "cat", "y"], columns.Keys);
        AssertNumeric(columns["x"], x, missing: 0);
        AssertNumeric(columns["y"], y, missing: 2);
        var cat = columns["cat"];
        Assert.Equal("categorical", cat["type"]!.GetValue<string>());
        Assert.Equal(4, cat["count"]!.GetValue<int>());
        Assert.Equal(1, cat["missing"]!.GetValue<int>());
        var top = cat["top_values"]!.AsArray();
        Assert.Equal("a", top[0]!["value"]!.GetValue<string>());
        Assert.Equal(3, top[0]!["count"]!.GetValue<int>());
        Assert.Empty(result.Error);
    }

    /// <summary>Count, missing, min/max, mean and the sample standard deviation (n - 1, as pandas' describe).</summary>
    private static void AssertNumeric(System.Text.Json.Nodes.JsonNode column, double[] values, int missing)
    {
        var mean = values.Average();
        var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        Assert.Equal("numeric", column["type"]!.GetValue<string>());
        Assert.Equal(values.Length, column["count"]!.GetValue<int>());
        Assert.Equal(missing, column["missing"]!.GetValue<int>());
        Assert.Equal(values.Min(), column["min"]!.GetValue<double>());
        Assert.Equal(values.Max(), column["max"]!.GetValue<double>());
        Assert.Equal(mean, column["mean"]!.GetValue<double>(), 12);
        Assert.Equal(std, column["std"]!.GetValue<double>(), 12);
    }

    [Fact]
    public async Task Synth_SameSeedTwice_IdenticalBytes()
    {
        var cli = _folder.Cli();

        var first = await FraudData.SynthAsync(cli, "a.csv", rows: 2000, seed: 11);
        var second = await FraudData.SynthAsync(cli, "b.csv", rows: 2000, seed: 11);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.Equal(2001, File.ReadAllLines(first).Length);
        Assert.StartsWith("transaction_id,", File.ReadLines(first).First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Synth_DifferentSeed_DifferentRows()
    {
        var cli = _folder.Cli();

        var first = File.ReadAllLines(await FraudData.SynthAsync(cli, "a.csv", rows: 2000, seed: 11));
        var second = File.ReadAllLines(await FraudData.SynthAsync(cli, "b.csv", rows: 2000, seed: 12));

        Assert.Equal(first[0], second[0]);
        Assert.Equal(first.Length, second.Length);
        Assert.True(first.Skip(1).Zip(second.Skip(1)).Count(p => p.First != p.Second) > 1900, "almost every row should differ with another seed");
    }

    [Fact]
    public async Task Synth_CovariateDrift_ShiftsFeaturesAndRaisesFraudRate()
    {
        var cli = _folder.Cli();
        var plain = await FraudData.SynthAsync(cli, "plain.csv", rows: 5000, seed: 3);
        await cli.RunOkAsync("data", "synth", "fraud", "--rows", "5000", "--seed", "3", "--drift", "covariate", "--output", "drift.csv");
        var drifted = _folder.Combine("drift.csv");

        Assert.NotEqual(File.ReadAllBytes(plain), File.ReadAllBytes(drifted));
        Assert.Equal(File.ReadLines(plain).First(), File.ReadLines(drifted).First());
        // The generator's contract: under covariate drift the unchanged rule meets riskier traffic (about 3.5 % → 6–7 % fraud).
        Assert.True(FraudRate(drifted) > FraudRate(plain), $"fraud rate {FraudRate(drifted)} with covariate drift, {FraudRate(plain)} without");
    }

    private static double FraudRate(string path)
    {
        var label = FraudData.ColumnIndex(path, FraudData.Label);
        var rows = File.ReadLines(path).Skip(1).Select(l => l.Split(',')[label]).ToList();
        return rows.Count(v => v == "1") / (double)rows.Count;
    }

    [Fact]
    public async Task SchemaThenValidate_SameFile_ExitsZero()
    {
        var cli = _folder.Cli();
        await FraudData.SynthAsync(cli, "fraud.csv", rows: 500);

        var schema = await cli.RunOkAsync("data", "schema", "fraud.csv", "-o", "fraud.schema.json");
        var validate = await cli.RunAsync("data", "validate", "fraud.csv", "--schema", "fraud.schema.json", "--json");

        Assert.True(File.Exists(_folder.Combine("fraud.schema.json")));
        Assert.Empty(schema.Out);
        validate.AssertExit(ExitCodes.Success);
        var report = validate.Json();
        Assert.True(report["valid"]!.GetValue<bool>());
        Assert.Equal(500, report["rows_checked"]!.GetValue<int>());
        Assert.Equal(0, report["total_violations"]!.GetValue<int>());
    }

    [Fact]
    public async Task Validate_FileWithBadValue_ExitsOneAndJsonListsLineAndColumn()
    {
        var cli = _folder.Cli();
        var reference = await FraudData.SynthAsync(cli, "fraud.csv", rows: 500);
        await cli.RunOkAsync("data", "schema", "fraud.csv", "-o", "fraud.schema.json");
        var candidate = await FraudData.SynthAsync(cli, "new.csv", rows: 50, seed: 5);
        FraudData.SetField(candidate, line: 7, FraudData.ColumnIndex(candidate, "amount"), "lots");

        var text = await cli.RunAsync("data", "validate", "new.csv", "--schema", "fraud.schema.json");
        var json = await cli.RunAsync("data", "validate", "new.csv", "--schema", "fraud.schema.json", "--json");

        text.AssertExit(ExitCodes.Failure);
        Assert.Contains("amount", text.Out, StringComparison.Ordinal);
        json.AssertExit(ExitCodes.Failure);
        var report = json.Json();
        Assert.False(report["valid"]!.GetValue<bool>());
        Assert.Equal(50, report["rows_checked"]!.GetValue<int>());
        Assert.Equal(1, report["total_violations"]!.GetValue<int>());
        var violation = Assert.Single(report["violations"]!.AsArray())!;
        Assert.Equal(7, violation["line"]!.GetValue<int>());
        Assert.Equal("amount", violation["column"]!.GetValue<string>());
        Assert.Contains("lots", violation["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(File.Exists(reference));
    }

    [Fact]
    public async Task Validate_MissingSchemaFile_ExitsOneNamingIt()
    {
        var cli = _folder.Cli();
        await FraudData.SynthAsync(cli, "fraud.csv", rows: 20);

        var result = await cli.RunAsync("data", "validate", "fraud.csv", "--schema", "absent.schema.json");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains("absent.schema.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_WithoutOutput_PrintsSchemaJson()
    {
        var cli = _folder.Cli();
        await FraudData.SynthAsync(cli, "fraud.csv", rows: 200);

        var schema = (await cli.RunOkAsync("data", "schema", "fraud.csv", "--type", "hour_of_day=categorical")).Json();

        var types = schema["columns"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!["type"]!.GetValue<string>());
        Assert.Equal(FraudTransactionGenerator.ColumnNames, types.Keys);
        Assert.Equal("numeric", types["amount"]);
        Assert.Equal("categorical", types["hour_of_day"]);
    }
}
