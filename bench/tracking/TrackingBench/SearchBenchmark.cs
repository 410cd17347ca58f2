using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace TrackingBench;

/// <summary>
/// runs/search latency over an experiment of <c>runs</c> runs (each with 3 metrics, 4 params, 2 tags,
/// logged through the API by 4 concurrent writers; done once, marked by the experiment tag
/// <c>bench.populated</c>). The query is the issue's: a metric and a param filter, ordered by a metric,
/// 100 results, after 10 warm-up queries.
/// </summary>
internal static class SearchBenchmark
{
    private static readonly string[] Trainers = ["lightgbm", "fasttree", "sdca", "lbfgs"];

    public static async Task<JsonObject> RunAsync(MlflowApi api, string experimentName, int runs, int queries)
    {
        var experiment = await api.CreateExperimentAsync(experimentName);
        await PopulateAsync(api, experiment, runs);

        var request = new JsonObject
        {
            ["experiment_ids"] = new JsonArray(experiment),
            ["filter"] = "metrics.auc > 0.8 and params.trainer = 'lightgbm'",
            ["order_by"] = new JsonArray("metrics.auc DESC"),
            ["max_results"] = 100,
        };
        var first = await api.PostAsync("runs/search", request.DeepClone());
        var returned = first["runs"]?.AsArray().Count ?? 0;
        if (returned != 100 || first["next_page_token"] is null)
        {
            throw new InvalidOperationException($"the search returned {returned} runs without a next page; expected 100 and more");
        }

        var latencies = new List<double>(queries);
        for (var i = 0; i < queries + 10; i++)
        {
            var clock = Stopwatch.StartNew();
            await api.PostAsync("runs/search", request.DeepClone());
            if (i >= 10)
            {
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        Console.Error.WriteLine($"search over {runs} runs: p50 {Percentiles.Of(latencies, 50):F1} ms, p95 {Percentiles.Of(latencies, 95):F1} ms");
        return new JsonObject
        {
            ["benchmark"] = "search",
            ["runs"] = runs,
            ["queries"] = queries,
            ["p50_ms"] = Math.Round(Percentiles.Of(latencies, 50), 2),
            ["p95_ms"] = Math.Round(Percentiles.Of(latencies, 95), 2),
        };
    }

    private static async Task PopulateAsync(MlflowApi api, string experiment, int runs)
    {
        var got = await api.GetAsync($"experiments/get?experiment_id={experiment}");
        var marker = got["experiment"]?["tags"]?.AsArray()
            .FirstOrDefault(t => t?["key"]?.GetValue<string>() == "bench.populated")?["value"]?.GetValue<string>();
        if (marker == runs.ToString(CultureInfo.InvariantCulture))
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < runs)
            {
                await LogRunAsync(api, experiment, i);
                if (i % 10_000 == 0)
                {
                    Console.Error.WriteLine($"populating: {i}/{runs} runs ({clock.Elapsed.TotalSeconds:F0} s)");
                }
            }
        })));
        await api.PostAsync("experiments/set-experiment-tag", new JsonObject
        {
            ["experiment_id"] = experiment,
            ["key"] = "bench.populated",
            ["value"] = runs.ToString(CultureInfo.InvariantCulture),
        });
    }

    private static async Task LogRunAsync(MlflowApi api, string experiment, int index)
    {
        var random = new Random(index);
        var run = await api.CreateRunAsync(experiment, $"run-{index}");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        JsonObject Metric(string key, double value) => new() { ["key"] = key, ["value"] = value, ["timestamp"] = now, ["step"] = 0 };
        JsonObject Pair(string key, string value) => new() { ["key"] = key, ["value"] = value };
        await api.PostAsync("runs/log-batch", new JsonObject
        {
            ["run_id"] = run,
            ["metrics"] = new JsonArray(Metric("auc", 0.5 + (0.5 * random.NextDouble())), Metric("loss", random.NextDouble()), Metric("f1", random.NextDouble())),
            ["params"] = new JsonArray(
                Pair("trainer", Trainers[index % Trainers.Length]),
                Pair("learning_rate", (0.01 * (1 + (index % 20))).ToString(CultureInfo.InvariantCulture)),
                Pair("num_leaves", (8 << (index % 5)).ToString(CultureInfo.InvariantCulture)),
                Pair("seed", index.ToString(CultureInfo.InvariantCulture))),
            ["tags"] = new JsonArray(Pair("team", index % 2 == 0 ? "risk" : "growth"), Pair("dataset", "fraud-v3")),
        });
    }
}
