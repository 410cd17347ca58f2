using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using UiSeed;

// ui-seed --db PATH --alerts PATH --out PATH [--runs N] [--points N]: seeds the UI benchmark's workspace through
// Gyre's SQLite store (see ScaleSeeder) and writes what the pages are opened with as JSON to --out; timings go to stderr.
var options = SeedOptions.Parse(args);
var clock = Stopwatch.StartNew();
var facts = await ScaleSeeder.SeedAsync(options, (stage, seconds) =>
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed: {stage} in {seconds:F1} s")));
await File.WriteAllTextAsync(options.Out, JsonSerializer.Serialize(facts, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed: total {clock.Elapsed.TotalSeconds:F1} s"));
