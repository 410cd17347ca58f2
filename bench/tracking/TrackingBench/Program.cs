// tracking-bench: measures a running `gyre server` through MLflow's REST API. One sub-command per
// measurement; each prints one JSON object on stdout (progress goes to stderr). Exit 2 on bad usage.
//   ingest  --url U --db-kind sqlite|postgres --db CONNECTION [--clients 4] [--batches 50] [--batch-size 1000]
//   search  --url U [--runs 100000] [--queries 200] [--experiment NAME]
//   history --url U [--points 100000] [--reads 20]
using System.Globalization;
using TrackingBench;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: tracking-bench ingest|search|history --url URL [options]; see Program.cs");
    return args.Length == 0 ? 2 : 0;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i < args.Length; i += 2)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"tracking-bench: expected '--name value' pairs, got '{args[i]}'");
        return 2;
    }

    options[args[i][2..]] = args[i + 1];
}

string Text(string name) => options.TryGetValue(name, out var value)
    ? value
    : throw new ArgumentException($"missing --{name}");
int Number(string name, int fallback) => options.TryGetValue(name, out var value)
    ? int.Parse(value, CultureInfo.InvariantCulture)
    : fallback;

try
{
    using var api = new MlflowApi(new Uri(Text("url")));
    var result = args[0] switch
    {
        "ingest" => await IngestBenchmark.RunAsync(
            api, Text("db-kind"), Text("db"), Number("clients", 4), Number("batches", 50), Number("batch-size", 1000)),
        "search" => await SearchBenchmark.RunAsync(
            api, options.GetValueOrDefault("experiment", "bench-search"), Number("runs", 100_000), Number("queries", 200)),
        "history" => await HistoryBenchmark.RunAsync(api, Number("points", 100_000), Number("reads", 20)),
        _ => throw new ArgumentException($"unknown command '{args[0]}'"),
    };
    Console.WriteLine(result.ToJsonString());
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"tracking-bench: {e.Message}");
    return 2;
}
