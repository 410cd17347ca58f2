using System.Globalization;
using Gyre.Cli.Tests.Support;
using Gyre.Data.Loading;
using Gyre.Data.Schema;
using Gyre.Data.Tables;
using Gyre.Pipelines.Batch;
using Gyre.Training.Packaging;

namespace Gyre.Cli.Tests.Batch;

/// <summary>
/// The streaming batch scorer against the whole-table scorer (<see cref="Gyre.Training.Scoring.ModelPredictor.Score"/>):
/// same predictions, in input order, whatever the chunk size and the number of workers; rejects, thresholds, folders,
/// passthrough and atomic output.
/// </summary>
[Collection(TrainedWorkspaceSharing.Name)]
public sealed class BatchScoringJobTests(TrainedWorkspace workspace)
{
    private const int Rows = 700;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(256, 2)]
    [InlineData(16_384, 2)]
    public async Task RunAsync_AnyChunkSizeAndWorkers_GivesTheWholeTablePredictionsInInputOrder(int chunkRows, int parallelism)
    {
        var package = await ModelPackage.LoadAsync(TrainedWorkspace.ModelPath(workspace.First), Ct);
        var (folder, input) = await NewInputAsync();
        var output = Path.Combine(folder, "scored.csv");

        var result = await BatchScoringJob.RunAsync(package, new BatchScoringOptions { Input = input, Output = output, ChunkRows = chunkRows, Parallelism = parallelism }, null, Ct);

        Assert.True(result.Succeeded && result.Written);
        Assert.Equal(Rows, result.RowsRead);
        Assert.Equal(Rows, result.RowsScored);
        var expected = await WholeTablePredictionsAsync(package, input);
        var lines = File.ReadAllLines(output);
        Assert.Equal(File.ReadLines(input).First() + ",predicted_label,probability", lines[0]);
        Assert.Equal(File.ReadLines(input).Skip(1), lines.Skip(1).Select(l => string.Join(',', l.Split(',')[..^2])));
        Assert.Equal(expected, lines.Skip(1).Select(l => string.Join(',', l.Split(',')[^2..])));
    }

    [Fact]
    public async Task RunAsync_SemicolonCrlfQuotedCopy_ScoresLikeTheCommaFile()
    {
        var package = await ModelPackage.LoadAsync(TrainedWorkspace.ModelPath(workspace.First), Ct);
        var (folder, input) = await NewInputAsync();
        var semicolon = Path.Combine(folder, "semi.csv");
        File.WriteAllText(semicolon, string.Join("\r\n", File.ReadLines(input).Select(l => string.Join(';', l.Split(',').Select((f, i) => i == 3 ? $"\"{f}\"" : f)))) + "\r\n");
        var output = Path.Combine(folder, "semi-out.csv");

        await BatchScoringJob.RunAsync(package, new BatchScoringOptions { Input = semicolon, Output = output, Passthrough = ["transaction_id"], ChunkRows = 100 }, null, Ct);

        var expected = await WholeTablePredictionsAsync(package, input);
        var lines = File.ReadAllLines(output);
        Assert.Equal("transaction_id,predicted_label,probability", lines[0]);
        Assert.Equal(expected, lines.Skip(1).Select(l => string.Join(',', l.Split(',')[1..])));
    }

    [Fact]
    public async Task RunAsync_Folder_ScoresEveryDataFileInNameOrderAndSkipsTheOutput()
    {
        var package = await ModelPackage.LoadAsync(TrainedWorkspace.ModelPath(workspace.First), Ct);
        var folder = workspace.NewScratchFolder();
        var inputs = Path.Combine(folder, "in");
        Directory.CreateDirectory(inputs);
        foreach (var (name, seed) in new[] { ("b.csv", 2), ("a.csv", 1), ("c.csv", 3) })
        {
            await workspace.Cli.RunOkAsync("data", "synth", "fraud", "--rows", "50", "--seed", seed.ToString(CultureInfo.InvariantCulture), "--output", Path.Combine(inputs, name));
        }

        File.WriteAllText(Path.Combine(inputs, "notes.md"), "not data");
        var output = Path.Combine(inputs, "scored.csv");
        File.WriteAllText(output, "stale,output\n");

        var result = await BatchScoringJob.RunAsync(package, new BatchScoringOptions { Input = inputs, Output = output, Passthrough = ["transaction_id"], ChunkRows = 16 }, null, Ct);

        Assert.Equal(["a.csv", "b.csv", "c.csv"], result.Files.Select(Path.GetFileName));
        var expectedIds = result.Files.SelectMany(f => File.ReadLines(f).Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(expectedIds, File.ReadLines(output).Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task RunAsync_BadRows_GoToTheRejectsFileWithFileLineColumnReasonAndRecord()
    {
        var package = await ModelPackage.LoadAsync(TrainedWorkspace.ModelPath(workspace.First), Ct);
        var (folder, input) = await NewInputAsync();
        FraudData.SetField(input, 3, FraudData.ColumnIndex(input, "amount"), "abc");
        FraudData.SetField(input, 6, FraudData.ColumnIndex(input, "channel"), string.Empty);
        var lines = File.ReadAllLines(input);
        lines[9] = "txn_short,2024-01-01T00:00:00Z,1.5";
        File.WriteAllLines(input, lines);
        var output = Path.Combine(folder, "scored.csv");
        var rejects = Path.Combine(folder, "rejects.csv");

        var result = await BatchScoringJob.RunAsync(package, new BatchScoringOptions
        {
            Input = input, Output = output, RejectsPath = rejects, MaxRejectRate = 0.01, ChunkRows = 4,
        }, null, Ct);

        Assert.True(result.Succeeded, "3 of 700 rows is under 1%");
        Assert.Equal((Rows, Rows - 3, 3L), (result.RowsRead, result.RowsScored, result.RowsRejected));
        Assert.Equal(Rows - 3, File.ReadLines(output).Count() - 1);
        var rejected = File.ReadAllLines(rejects);
        Assert.Equal("file,line,column,kind,reason," + lines[0], rejected[0]);
        Assert.Equal(3, rejected.Length - 1);
        var first = $"{input},3,amount,wrong_type,Column 'amount' must be a number; got 'abc'.,";
        Assert.Equal(first, rejected[1][..Math.Min(first.Length, rejected[1].Length)]);
        Assert.EndsWith("," + lines[2], rejected[1], StringComparison.Ordinal);
        Assert.StartsWith($"{input},6,channel,missing_value,", rejected[2], StringComparison.Ordinal);
        Assert.StartsWith($"{input},10,*,malformed_record,line 10: the record has 3 field(s); the header has 23.,", rejected[3], StringComparison.Ordinal);
        Assert.EndsWith(",\"txn_short,2024-01-01T00:00:00Z,1.5\"", rejected[3], StringComparison.Ordinal);
        Assert.Equal([3L, 6L, 10L], result.Violations.Select(v => v.Line!.Value));
    }

    [Fact]
    public async Task RunAsync_RejectRateOverTheThreshold_FailsWritesNoOutputButKeepsTheRejects()
    {
        var package = await ModelPackage.LoadAsync(TrainedWorkspace.ModelPath(workspace.First), Ct);
        var (folder, input) = await NewInputAsync();
        for (var line = 2; line <= 12; line++)
        {
            FraudData.SetField(input, line, FraudData.ColumnIndex(input, "amount"), "n/a?");
        }

        var output = Path.Combine(folder, "scored.csv");
        File.WriteAllText(output, "previous good output\n");
        var rejects = Path.Combine(folder, "rejects.csv");

        var result = await BatchScoringJob.RunAsync(package, new BatchScoringOptions { Input = input, Output = output, RejectsPath = rejects, MaxRejectRate = 0.01 }, null, Ct);

        Assert.False(result.Succeeded);
        Assert.False(result.Written);
        Assert.Equal(11, result.RowsRejected);
        Assert.Equal("previous good output\n", File.ReadAllText(output));
        Assert.Equal(12, File.ReadLines(rejects).Count());
        Assert.Equal(["input.csv", "rejects.csv", "scored.csv"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_WriteOverThreshold_WritesTheScoredRowsButStillFails()
    {
        var package = await ModelPackage.LoadAsync(TrainedWorkspace.ModelPath(workspace.First), Ct);
        var (folder, input) = await NewInputAsync();
        FraudData.SetField(input, 2, FraudData.ColumnIndex(input, "amount"), "bad");
        var output = Path.Combine(folder, "scored.csv");

        var result = await BatchScoringJob.RunAsync(package, new BatchScoringOptions { Input = input, Output = output, WriteOverThreshold = true }, null, Ct);

        Assert.False(result.Succeeded);
        Assert.True(result.Written);
        Assert.Equal(Rows - 1, File.ReadLines(output).Count() - 1);
    }

    [Fact]
    public async Task RunAsync_Cancelled_LeavesThePreviousOutputAndNoTemporaryFile()
    {
        var package = await ModelPackage.LoadAsync(TrainedWorkspace.ModelPath(workspace.First), Ct);
        var (folder, input) = await NewInputAsync();
        var output = Path.Combine(folder, "scored.csv");
        File.WriteAllText(output, "previous good output\n");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BatchScoringJob.RunAsync(
            package, new BatchScoringOptions { Input = input, Output = output, RejectsPath = Path.Combine(folder, "rejects.csv"), ChunkRows = 10 },
            progress => cancel.Cancel(), cancel.Token));

        Assert.Equal("previous good output\n", File.ReadAllText(output));
        Assert.Equal(["input.csv", "scored.csv"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_PassthroughColumnAbsentOrOutputNameTaken_FailsBeforeWritingAnything()
    {
        var package = await ModelPackage.LoadAsync(TrainedWorkspace.ModelPath(workspace.First), Ct);
        var (folder, input) = await NewInputAsync();
        var output = Path.Combine(folder, "scored.csv");

        var absent = await Assert.ThrowsAsync<Gyre.Core.GyreException>(() => BatchScoringJob.RunAsync(package, new BatchScoringOptions { Input = input, Output = output, Passthrough = ["transaction_id", "nope"] }, null, Ct));
        var wrongExtension = await Assert.ThrowsAsync<Gyre.Core.GyreException>(() => BatchScoringJob.RunAsync(package, new BatchScoringOptions { Input = input, Output = Path.Combine(folder, "out.json") }, null, Ct));

        Assert.Contains("'nope'", absent.Message, StringComparison.Ordinal);
        Assert.Contains(input, absent.Message, StringComparison.Ordinal);
        Assert.Contains("--output", wrongExtension.Message, StringComparison.Ordinal);
        Assert.Equal(["input.csv"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task RunAsync_ModelColumnAbsent_FailsNamingTheFileAndColumn()
    {
        var package = await ModelPackage.LoadAsync(TrainedWorkspace.ModelPath(workspace.First), Ct);
        var (folder, input) = await NewInputAsync();
        var amount = FraudData.ColumnIndex(input, "amount");
        File.WriteAllLines(input, File.ReadLines(input).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != amount))).ToList());

        var error = await Assert.ThrowsAsync<Gyre.Core.GyreException>(() => BatchScoringJob.RunAsync(package, new BatchScoringOptions { Input = input, Output = Path.Combine(folder, "o.csv") }, null, Ct));

        Assert.Contains("'amount' (numeric)", error.Message, StringComparison.Ordinal);
        Assert.Contains(input, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ParquetInAndOut_GivesTheCsvPipelinesPredictions()
    {
        var package = await ModelPackage.LoadAsync(TrainedWorkspace.ModelPath(workspace.First), Ct);
        var (folder, input) = await NewInputAsync();
        var parquetInput = Path.Combine(folder, "input.parquet");
        await WriteParquetAsync(input, parquetInput);
        var csvOutput = Path.Combine(folder, "from-csv.csv");
        var parquetOutput = Path.Combine(folder, "from-parquet.parquet");

        await BatchScoringJob.RunAsync(package, new BatchScoringOptions { Input = input, Output = csvOutput, Passthrough = ["transaction_id"] }, null, Ct);
        var result = await BatchScoringJob.RunAsync(package, new BatchScoringOptions { Input = parquetInput, Output = parquetOutput, Passthrough = ["transaction_id"], ChunkRows = 64 }, null, Ct);

        Assert.Equal(Rows, result.RowsScored);
        var fromParquet = new List<string>();
        await using (var reader = await Gyre.Data.Reading.DataFile.OpenAsync(parquetOutput, null, Ct))
        {
            Assert.Equal(["transaction_id", "predicted_label", "probability"], reader.ColumnNames);
            while (await reader.ReadAsync(Ct))
            {
                fromParquet.Add(string.Join(',', reader.Current));
            }
        }

        Assert.Equal(File.ReadLines(csvOutput).Skip(1), fromParquet);
    }

    /// <summary>Copies a CSV into a Parquet file (one row group per 100 rows): numeric columns as doubles, the rest as text.</summary>
    private static async Task WriteParquetAsync(string csv, string parquet)
    {
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var numeric = header.Select((name, c) => rows.All(r => double.TryParse(r[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))).ToArray();
        await using var writer = await Gyre.Data.Parquet.ParquetChunkWriter.CreateAsync(
            parquet, [.. header.Select((name, c) => new Gyre.Data.Parquet.ParquetOutputColumn(name, numeric[c] ? Gyre.Data.Parquet.ParquetOutputKind.Number : Gyre.Data.Parquet.ParquetOutputKind.Text))], Ct);
        foreach (var group in rows.Chunk(100))
        {
            var columns = header.Select((_, c) => numeric[c]
                ? (Array)group.Select(r => (double?)double.Parse(r[c], CultureInfo.InvariantCulture)).ToArray()
                : group.Select(r => (string?)r[c]).ToArray()).ToList();
            await writer.WriteRowGroupAsync(columns, group.Length, Ct);
        }

        await writer.CommitAsync(Ct);
    }

    /// <summary>"predicted_label,probability" per row, from one <see cref="Gyre.Training.Scoring.ModelPredictor.Score"/> over the whole file (the reference path).</summary>
    private static async Task<List<string>> WholeTablePredictionsAsync(ModelPackage package, string input)
    {
        var overrides = package.Manifest.Inputs.ToDictionary(c => c.Name, _ => ColumnType.Text, StringComparer.Ordinal);
        var table = await TableLoader.LoadAsync(input, new TableLoadOptions { Inference = new SchemaInferenceOptions { Overrides = overrides } }, Ct);
        var result = package.Predictor.Score(table, Ct);
        Assert.Empty(result.Violations);
        return [.. result.Predictions.Select(p => $"{p.PredictedLabel},{p.Probability!.Value.ToString("R", CultureInfo.InvariantCulture)}")];
    }

    private async Task<(string Folder, string Input)> NewInputAsync()
    {
        var folder = workspace.NewScratchFolder();
        var input = Path.Combine(folder, "input.csv");
        await workspace.Cli.RunOkAsync("data", "synth", "fraud", "--rows", Rows.ToString(CultureInfo.InvariantCulture), "--seed", "11", "--output", input);
        return (folder, input);
    }
}
