using System.Diagnostics;
using System.Text.Json.Nodes;

namespace TrackingBench;

/// <summary>metrics/get-history latency for one metric with <c>points</c> points (logged once through log-batch), whole history per read.</summary>
internal static class HistoryBenchmark
{
    public static async Task<JsonObject> RunAsync(MlflowApi api, int points, int reads)
    {
        var experiment = await api.CreateExperimentAsync("bench-history");
        var run = await api.CreateRunAsync(experiment, $"history-{points}");
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var offset = 0; offset < points; offset += 1000)
        {
            var metrics = new JsonArray();
            for (var step = offset; step < Math.Min(points, offset + 1000); step++)
            {
                metrics.Add(new JsonObject { ["key"] = "loss", ["value"] = 1.0 / (step + 1), ["timestamp"] = start + step, ["step"] = step });
            }

            await api.PostAsync("runs/log-batch", new JsonObject { ["run_id"] = run, ["metrics"] = metrics });
        }

        var latencies = new List<double>(reads);
        for (var i = 0; i < reads + 3; i++)
        {
            var clock = Stopwatch.StartNew();
            var history = await api.GetAsync($"metrics/get-history?run_id={run}&metric_key=loss");
            var elapsed = clock.Elapsed.TotalMilliseconds;
            var count = history["metrics"]?.AsArray().Count ?? 0;
            if (count != points)
            {
                throw new InvalidOperationException($"get-history returned {count} points, {points} were logged");
            }

            if (i >= 3)
            {
                latencies.Add(elapsed);
            }
        }

        Console.Error.WriteLine($"history of {points} points: median {Percentiles.Of(latencies, 50):F1} ms");
        return new JsonObject
        {
            ["benchmark"] = "history",
            ["points"] = points,
            ["median_ms"] = Math.Round(Percentiles.Of(latencies, 50), 2),
            ["p95_ms"] = Math.Round(Percentiles.Of(latencies, 95), 2),
        };
    }
}
