using System.Diagnostics;
using System.Text.Json.Nodes;

namespace TrackingBench;

/// <summary>
/// Metric ingest: <c>clients</c> concurrent clients each log <c>batches</c> log-batch requests of
/// <c>batchSize</c> points to their own run through the server; then the same rows are inserted straight
/// into the same database's metrics table by as many concurrent connections with multi-row INSERTs in
/// one transaction per batch (the limit). Both rates are points per second of wall time.
/// </summary>
internal static class IngestBenchmark
{
    private const int KeysPerRun = 10;

    public static async Task<JsonObject> RunAsync(MlflowApi api, string dbKind, string connection, int clients, int batches, int batchSize)
    {
        var experiment = await api.CreateExperimentAsync("bench-ingest");
        var points = (long)clients * batches * batchSize;

        var gyreRuns = await CreateRunsAsync(api, experiment, "gyre", clients);
        var gyreBatches = gyreRuns.Select(run => Batches(batches, batchSize, seed: run.GetHashCode())).ToArray();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(gyreRuns.Select((run, c) => Task.Run(async () =>
        {
            foreach (var batch in gyreBatches[c])
            {
                await api.PostAsync("runs/log-batch", new JsonObject { ["run_id"] = run, ["metrics"] = ToJson(batch) });
            }
        })));
        var gyreSeconds = clock.Elapsed.TotalSeconds;
        await VerifyStoredAsync(api, gyreRuns, batches * batchSize);
        Console.Error.WriteLine($"ingest {dbKind}: gyre {points / gyreSeconds:F0} points/s");

        var rawRuns = await CreateRunsAsync(api, experiment, "raw", clients);
        var rawBatches = rawRuns.Select(run => Batches(batches, batchSize, seed: run.GetHashCode())).ToArray();
        await using var raw = RawMetricInserter.Open(dbKind, connection);
        clock.Restart();
        await Task.WhenAll(rawRuns.Select((run, c) => Task.Run(async () =>
        {
            foreach (var batch in rawBatches[c])
            {
                await raw.InsertAsync(run, batch);
            }
        })));
        var rawSeconds = clock.Elapsed.TotalSeconds;
        await VerifyStoredAsync(api, rawRuns, batches * batchSize);
        Console.Error.WriteLine($"ingest {dbKind}: raw insert {points / rawSeconds:F0} points/s");

        return new JsonObject
        {
            ["benchmark"] = "ingest",
            ["backend"] = dbKind,
            ["clients"] = clients,
            ["points"] = points,
            ["gyre_points_per_s"] = Math.Round(points / gyreSeconds),
            ["raw_points_per_s"] = Math.Round(points / rawSeconds),
            ["share"] = Math.Round(rawSeconds / gyreSeconds, 3),
        };
    }

    private static async Task<string[]> CreateRunsAsync(MlflowApi api, string experiment, string prefix, int count)
    {
        var runs = new string[count];
        for (var i = 0; i < count; i++)
        {
            runs[i] = await api.CreateRunAsync(experiment, $"{prefix}-{i}");
        }

        return runs;
    }

    /// <summary>A training loop's points: <see cref="KeysPerRun"/> metrics per step, steps increasing.</summary>
    private static List<MetricPoint[]> Batches(int batches, int batchSize, int seed)
    {
        var random = new Random(seed);
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var result = new List<MetricPoint[]>(batches);
        long index = 0;
        for (var b = 0; b < batches; b++)
        {
            var batch = new MetricPoint[batchSize];
            for (var i = 0; i < batchSize; i++, index++)
            {
                batch[i] = new MetricPoint($"metric_{index % KeysPerRun}", random.NextDouble(), start + index, index / KeysPerRun);
            }

            result.Add(batch);
        }

        return result;
    }

    private static JsonArray ToJson(MetricPoint[] batch) =>
        [.. batch.Select(p => (JsonNode)new JsonObject { ["key"] = p.Key, ["value"] = p.Value, ["timestamp"] = p.Timestamp, ["step"] = p.Step })];

    /// <summary>Fails unless each run holds exactly its logged points (nothing lost or duplicated).</summary>
    private static async Task VerifyStoredAsync(MlflowApi api, string[] runs, int pointsPerRun)
    {
        foreach (var run in runs)
        {
            var stored = 0;
            for (var k = 0; k < KeysPerRun; k++)
            {
                var history = await api.GetAsync($"metrics/get-history?run_id={run}&metric_key=metric_{k}");
                stored += history["metrics"]?.AsArray().Count ?? 0;
            }

            if (stored != pointsPerRun)
            {
                throw new InvalidOperationException($"run {run} holds {stored} points, {pointsPerRun} were logged");
            }
        }
    }
}

internal sealed record MetricPoint(string Key, double Value, long Timestamp, long Step);
