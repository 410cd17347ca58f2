using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gyre.Bench.Monitoring;
using Gyre.Data.Synthetic;
using Gyre.Monitoring.Datasets;
using Gyre.Monitoring.Drift;
using Gyre.Monitoring.Profiles;

// Usage:
//   drift-bench generate --rows N --dir DIR [--reference-seed S] [--current-seed S]
//       writes DIR/reference (FraudDrift.None) and DIR/current (FraudDrift.Covariate), see ColumnFiles
//   drift-bench detect --dir DIR [--repeats R]   a warm-up call, then R timed DatasetDriftDetector.Detect calls
//   drift-bench peak --dir DIR                   load and detect once; peak resident memory (VmHWM)
//   drift-bench profile --dir DIR [--repeats R]  one thread: per-column phase times (see PhaseProfile)
//   drift-bench merge --dir DIR [--repeats R] [--chunks K]
//       K DatasetSketch.Build of DIR/current split in K row ranges, then a warm-up and R timed MergeAll
// Every command prints one JSON object on stdout.
const int DefaultRepeats = 5;
const int DefaultChunks = 24;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("drift-bench generate --rows N --dir DIR | detect --dir DIR [--repeats R] | peak --dir DIR | profile --dir DIR [--repeats R] | merge --dir DIR [--repeats R] [--chunks K]");
    return args.Length == 0 ? 2 : 0;
}

var command = args[0];
var dir = Option("--dir") ?? throw new ArgumentException("--dir is required");
var repeats = int.Parse(Option("--repeats") ?? DefaultRepeats.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
switch (command)
{
    case "generate":
        Generate();
        break;
    case "detect":
        Detect();
        break;
    case "peak":
        Peak();
        break;
    case "merge":
        Merge();
        break;
    case "profile":
        var (profileReference, profileCurrent) = Load();
        Print(new { kind = "profile", tool = "gyre", rows = profileReference.RowCount, columns = PhaseProfile.Run(profileReference, profileCurrent, repeats) });
        break;
    default:
        Console.Error.WriteLine($"drift-bench: unknown command '{command}'");
        return 2;
}

return 0;

void Generate()
{
    var rows = int.Parse(Option("--rows") ?? throw new ArgumentException("--rows is required"), CultureInfo.InvariantCulture);
    var referenceSeed = long.Parse(Option("--reference-seed") ?? "7", CultureInfo.InvariantCulture);
    var currentSeed = long.Parse(Option("--current-seed") ?? "8", CultureInfo.InvariantCulture);
    var clock = Stopwatch.StartNew();
    ColumnFiles.Write(Path.Combine(dir, "reference"), rows, referenceSeed, FraudDrift.None);
    ColumnFiles.Write(Path.Combine(dir, "current"), rows, currentSeed, FraudDrift.Covariate);
    Print(new
    {
        kind = "generate",
        rows,
        reference_seed = referenceSeed,
        current_seed = currentSeed,
        numeric = BenchColumns.Numeric.Select(c => c.Name).ToArray(),
        categorical = BenchColumns.Categorical.Select(c => c.Name).ToArray(),
        seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
    });
}

void Detect()
{
    var (reference, current) = Load();
    var options = Options();
    var clock = Stopwatch.StartNew();
    var result = DatasetDriftDetector.Detect(reference, current, options);
    var warmupMs = clock.Elapsed.TotalMilliseconds;
    var times = new double[repeats];
    for (var r = 0; r < repeats; r++)
    {
        clock.Restart();
        result = DatasetDriftDetector.Detect(reference, current, options);
        times[r] = clock.Elapsed.TotalMilliseconds;
    }

    Print(new
    {
        kind = "detect",
        tool = "gyre",
        rows = reference.RowCount,
        processors = Environment.ProcessorCount,
        repeats,
        warmup_ms = Math.Round(warmupMs, 3),
        times_ms = times.Select(t => Math.Round(t, 3)).ToArray(),
        median_ms = Math.Round(Median(times), 3),
        columns = result.Columns.Select(c => new
        {
            name = c.Column,
            kind = c.Kind == DriftColumnKind.Categorical ? "categorical" : "numeric",
            method = c.Result.Method == DriftMethod.ChiSquare ? "chisquare" : "ks",
            status = c.Result.Status.ToString(),
            p_value = c.Result.Score,
            drifted = c.Drifted,
        }).ToArray(),
    });
}

void Peak()
{
    var (reference, current) = Load();
    var afterLoad = ProcessMemory.PeakMb();
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var result = DatasetDriftDetector.Detect(reference, current, Options());
    var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576.0;
    var peak = ProcessMemory.PeakMb();
    GC.KeepAlive(result);
    Print(new
    {
        kind = "peak",
        tool = "gyre",
        rows = reference.RowCount,
        peak_mb_after_load = afterLoad,
        peak_mb = peak,
        detect_allocated_mb = Math.Round(allocatedMb, 1),
        gc_heap_mb = Math.Round(GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0, 1),
    });
}

void Merge()
{
    var chunks = int.Parse(Option("--chunks") ?? DefaultChunks.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    var current = ColumnFiles.Read(Path.Combine(dir, "current"));
    var parts = Enumerable.Range(0, chunks).Select(k => Slice(current, (int)((long)k * current.RowCount / chunks),
        (int)((long)(k + 1) * current.RowCount / chunks))).ToArray();
    var clock = Stopwatch.StartNew();
    var sketches = parts.Select(part => DatasetSketch.Build(part)).ToArray();
    var buildMs = clock.Elapsed.TotalMilliseconds;
    clock.Restart();
    var merged = DatasetSketch.MergeAll(sketches);
    var warmupMs = clock.Elapsed.TotalMilliseconds;
    var times = new double[repeats];
    for (var r = 0; r < repeats; r++)
    {
        clock.Restart();
        merged = DatasetSketch.MergeAll(sketches);
        times[r] = clock.Elapsed.TotalMilliseconds;
    }

    if (merged.RowCount != current.RowCount)
    {
        throw new InvalidOperationException($"The merged profile has {merged.RowCount} rows, the data {current.RowCount}.");
    }

    Print(new
    {
        kind = "merge",
        tool = "gyre",
        rows = current.RowCount,
        chunks,
        build_ms_total = Math.Round(buildMs, 3),
        warmup_ms = Math.Round(warmupMs, 3),
        repeats,
        times_ms = times.Select(t => Math.Round(t, 3)).ToArray(),
        median_ms = Math.Round(Median(times), 3),
        merged_rows = merged.RowCount,
        profile_json_bytes = merged.ToJson().Length,
    });
}

(MonitoredFrame Reference, MonitoredFrame Current) Load() =>
    (ColumnFiles.Read(Path.Combine(dir, "reference")), ColumnFiles.Read(Path.Combine(dir, "current")));

// KS for every numeric column (card_present and is_foreign included), chi-square for every categorical one:
// the tests scipy_drift.py runs, whatever Evidently's automatic choice would be.
static DatasetDriftOptions Options()
{
    var perColumn = new Dictionary<string, ColumnDriftOptions>(StringComparer.Ordinal);
    foreach (var (name, _) in BenchColumns.Numeric)
    {
        perColumn[name] = new ColumnDriftOptions(Method: DriftMethod.KolmogorovSmirnov);
    }

    foreach (var (name, _) in BenchColumns.Categorical)
    {
        perColumn[name] = new ColumnDriftOptions(Method: DriftMethod.ChiSquare);
    }

    return new DatasetDriftOptions(PerColumn: perColumn);
}

static MonitoredFrame Slice(MonitoredFrame frame, int start, int end) => new([.. frame.Columns.Select(column => column switch
{
    NumericColumn numeric => (MonitoredColumn)new NumericColumn(numeric.Name, numeric.Values[start..end]),
    CategoricalColumn categorical => new CategoricalColumn(categorical.Name, categorical.Values[start..end]),
    _ => throw new InvalidOperationException($"Column '{column.Name}' has an unexpected type."),
})]);

static double Median(double[] values)
{
    var sorted = values.Order().ToArray();
    var middle = sorted.Length / 2;
    return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

static void Print<T>(T value) => Console.WriteLine(JsonSerializer.Serialize(value));

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
