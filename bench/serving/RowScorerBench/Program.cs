using System.Diagnostics;
using System.Globalization;
using Gyre.Bench.RowScorer;
using Gyre.Data.Synthetic;
using Gyre.Data.Tables;
using Gyre.Training.Packaging;
using Gyre.Training.Scoring;
using Gyre.Training.Specs;
using Gyre.Training.Validation;

// Usage: rowscorer-bench [--package PATH] [--save PATH]
//   --package PATH  score an existing package instead of training one
//   --save PATH     where to save the trained package (default: a temporary folder, deleted at the end)
const int TrainingRows = 100_000;
const int DistinctRows = 1_000;
const int WarmupCalls = 20_000;
const int SlowCalls = 5_000;
const int FastCalls = 200_000;

var packagePath = Option("--package");
var savePath = Option("--save");
var temporary = packagePath is null && savePath is null ? Path.Combine(Path.GetTempPath(), "rowscorer-bench-" + Guid.NewGuid().ToString("N")) : null;
try
{
    ModelPackage package;
    if (packagePath is not null)
    {
        package = await ModelPackage.LoadAsync(packagePath);
    }
    else
    {
        Console.WriteLine($"training a 100-tree FastForest on {TrainingRows} fraud rows (seed 7)...");
        var clock = Stopwatch.StartNew();
        var outcome = ModelTrainer.Train(FraudTable.Generate(TrainingRows, seed: 7), new TrainingSpec
        {
            Label = FraudTransactionGenerator.LabelColumn,
            Task = TaskKind.Binary,
            Trainer = "fastforest",
            Hyperparameters = new Dictionary<string, string> { ["num_trees"] = "100" },
            Validation = new ValidationSpec { Folds = 0, HoldoutFraction = 0 },
        });
        Console.WriteLine($"trained in {clock.Elapsed.TotalSeconds:F1} s");
        package = await ModelPackage.SaveAsync(outcome.Model, savePath ?? temporary!, new PackageSaveOptions { Overwrite = true });
    }

    var rows = FraudTable.Generate(DistinctRows, seed: 11);
    var predictor = package.Predictor;
    var scorer = RowScorer.For(package);
    var tables = Enumerable.Range(0, DistinctRows).Select(r => rows.Take([r])).ToArray();
    var featureRows = Enumerable.Range(0, DistinctRows).Select(r => Fill(scorer, rows, r)).ToArray();

    // Both paths must agree before their speed means anything.
    var expected = predictor.Score(rows).Predictions;
    for (var r = 0; r < DistinctRows; r++)
    {
        var fast = scorer.Score(featureRows[r]);
        if (fast.PredictedLabel != expected[r].PredictedLabel || Math.Abs(fast.Probability!.Value - expected[r].Probability!.Value) > 1e-6)
        {
            throw new InvalidOperationException($"Row {r}: RowScorer gives {fast}, ModelPredictor {expected[r]}.");
        }
    }

    Measure(r => predictor.Score(tables[r]), Math.Min(WarmupCalls, 2_000));
    var slow = Measure(r => predictor.Score(tables[r]), SlowCalls);
    Measure(r => scorer.Score(featureRows[r]), WarmupCalls);
    var fastUs = Measure(r => scorer.Score(featureRows[r]), FastCalls);
    var batch = featureRows.Take(32).ToArray();
    Measure(_ => scorer.ScoreBatch(batch), 2_000);
    var batchUs = Measure(_ => scorer.ScoreBatch(batch), 20_000) / batch.Length;

    Console.WriteLine($"model: {package.Manifest.Inputs.Count} inputs; {DistinctRows} distinct rows cycled; median of single calls");
    Console.WriteLine($"ModelPredictor.Score (1-row table): {slow:F2} us");
    Console.WriteLine($"RowScorer.Score:                    {fastUs:F2} us");
    Console.WriteLine($"RowScorer.ScoreBatch (32 rows):     {batchUs:F2} us per row");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rowscorer: slow_us={slow:F2} fast_us={fastUs:F2} speedup={slow / fastUs:F1}"));
}
finally
{
    if (temporary is not null && Directory.Exists(temporary))
    {
        Directory.Delete(temporary, recursive: true);
    }
}

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

// The median wall-clock time of one call, in microseconds, cycling through the distinct rows.
static double Measure(Action<int> call, int calls)
{
    var ticks = new long[calls];
    for (var i = 0; i < calls; i++)
    {
        var start = Stopwatch.GetTimestamp();
        call(i % DistinctRows);
        ticks[i] = Stopwatch.GetTimestamp() - start;
    }

    Array.Sort(ticks);
    return ticks[calls / 2] * 1e6 / Stopwatch.Frequency;
}

static FeatureRow Fill(RowScorer scorer, DataTable rows, int index)
{
    var row = scorer.RentRow();
    for (var i = 0; i < scorer.Signature.Count; i++)
    {
        switch (rows[scorer.Signature[i].Name])
        {
            case NumericColumn numeric:
                row.SetNumber(i, numeric.Values[index]);
                break;
            case BooleanColumn boolean:
                row.SetBoolean(i, boolean.Values[index]!.Value);
                break;
            case DateTimeColumn dates:
                row.SetDateTime(i, dates.Values[index]!.Value);
                break;
            case StringColumn strings:
                row.SetText(i, strings.Values[index]!);
                break;
        }
    }

    return row;
}
