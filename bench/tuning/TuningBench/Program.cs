using System.Globalization;
using System.Text.Json;
using Gyre.Bench.Tuning;

// Usage:
//   tuning-bench functions [--seeds N] [--trials T] [--long-trials L] [--long-seeds K] [--functions a,b] [--samplers a,b]
//       short runs: seeds 0..N-1 × T trials per function and sampler; long runs: seeds 0..K-1 × L trials of every TPE
//       sampler given (L = 0: none). One untimed warm-up study per function and sampler first (JIT).
//   tuning-bench adult --data PATH [--trials T] [--sampler NAME] [--seed S]
//       LightGBM tuned on adult vs its default hyperparameters (see AdultBench)
// Every command prints one JSON object on stdout; progress goes to stderr.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("tuning-bench functions [--seeds N] [--trials T] [--long-trials L] [--long-seeds K] [--functions a,b] [--samplers a,b] | adult --data PATH [--trials T] [--sampler NAME] [--seed S]");
    return args.Length == 0 ? 2 : 0;
}

var json = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
switch (args[0])
{
    case "functions":
        Console.WriteLine(JsonSerializer.Serialize(Functions(), json));
        return 0;
    case "adult":
        var result = await AdultBench.RunAsync(
            Option("--data") ?? throw new ArgumentException("--data is required"),
            Option("--sampler") ?? (BenchSamplers.IsAvailable(BenchSamplers.Recommended) ? BenchSamplers.Recommended : "random"),
            Int("--trials", 30),
            Int("--seed", 0)).ConfigureAwait(false);
        Console.WriteLine(JsonSerializer.Serialize(result, json));
        return 0;
    default:
        Console.Error.WriteLine($"tuning-bench: unknown command '{args[0]}'");
        return 2;
}

object Functions()
{
    var seeds = Int("--seeds", 10);
    var trials = Int("--trials", 100);
    var longTrials = Int("--long-trials", 1000);
    var longSeeds = Int("--long-seeds", 1);
    var functions = (Option("--functions") ?? string.Join(',', BenchFunctions.All.Select(f => f.Name))).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(BenchFunctions.Get).ToArray();
    var samplers = (Option("--samplers") ?? string.Join(',', BenchSamplers.Names)).Split(',', StringSplitOptions.RemoveEmptyEntries);
    var skipped = samplers.Where(s => !BenchSamplers.IsAvailable(s)).ToArray();
    samplers = [.. samplers.Where(BenchSamplers.IsAvailable)];
    foreach (var name in skipped) Console.Error.WriteLine($"  gyre: sampler '{name}' is not available in this tree; skipped");

    var runs = new List<FunctionRun>();
    foreach (var function in functions)
    {
        foreach (var sampler in samplers)
        {
            FunctionRun.Execute("warmup", function, sampler, 1000, Math.Min(trials, 50));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var seed = 0; seed < seeds; seed++) runs.Add(FunctionRun.Execute("short", function, sampler, seed, trials));
            Console.Error.WriteLine($"  gyre   {sampler,-6} {function.Name,-12} {seeds} x {trials} trials: {clock.Elapsed.TotalSeconds:F1} s");
        }
    }

    foreach (var function in longTrials > 0 ? functions : [])
    {
        foreach (var sampler in samplers.Where(s => s.StartsWith("tpe", StringComparison.Ordinal)))
        {
            for (var seed = 0; seed < longSeeds; seed++)
            {
                var run = FunctionRun.Execute("long", function, sampler, seed, longTrials);
                runs.Add(run);
                Console.Error.WriteLine($"  gyre   {sampler,-6} {function.Name,-12} seed {seed}, {longTrials} trials: {run.WallS:F1} s, {run.OverheadMsPerTrial:F3} ms/trial overhead");
            }
        }
    }

    return new { tool = "gyre", recommended = BenchSamplers.Recommended, skipped, runs };
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

int Int(string name, int fallback) =>
    Option(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
