using System.Text;
using System.Text.Json.Nodes;
using Gyre.Data.Tables;
using Gyre.Serving.Tests.Support;
using Gyre.Training.Packaging;

namespace Gyre.Serving.Tests.Protocols;

/// <summary>
/// Sends thousands of randomly broken requests (random bytes, truncations, byte flips, wrong types, huge numbers,
/// deep nesting, odd unicode) to every protocol: none may get a 5xx, and the server must still answer correctly after.
/// </summary>
public sealed class FuzzTests(ServingModels models) : IAsyncLifetime
{
    private const int RequestsPerProtocol = 1500;

    private static readonly string[] OddValues =
    [
        "null", "true", "-0", "1e308", "1e999", "-1e999", "123456789012345678901234567890", "\"NaN\"", "\"-Infinity\"", "\"\"",
        "\"\\u0000\\ud800\"", "\"日本語🙂\"", "[]", "{}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":null}]}}", "\"2024-13-45T99:99:99Z\"", "0.0000000000000000000000001", "-5", "\"\\\"\"", new string('9', 500),
    ];

    private RunningServer _server = null!;
    private ModelPackage _fraud = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync(models, RunningServer.Registered("fraud", "fraud@champion"));
        _fraud = await ModelPackage.LoadAsync(models.FraudA, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Fuzz_ThousandsOfBrokenRequests_NoServerErrorAndStillCorrect()
    {
        var valid = ValidBodies();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, RequestsPerProtocol * valid.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken },
            async (i, _) =>
            {
                var (path, body) = valid[i % valid.Count];
                var random = new Random(i);
                var broken = Mutate(body, random);
                var (status, json) = await _server.PostBytesAsync(path, broken);
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status >= 500 || (status != 200 && json?["error"] is null))
                {
                    failures.Enqueue($"{status} {path} {Encoding.UTF8.GetString(broken)[..Math.Min(300, broken.Length)]} -> {json?.ToJsonString()}");
                }
            });

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(10)));
        Assert.True(statuses.GetValueOrDefault(400) > RequestsPerProtocol, $"statuses: {string.Join(", ", statuses)}");
        Assert.DoesNotContain("internal error", _server.Log.ToString(), StringComparison.Ordinal);
        foreach (var (path, body) in valid)
        {
            var (status, json) = await _server.PostBytesAsync(path, body);
            Assert.True(status == 200, $"{path}: {status} {json?.ToJsonString()}");
        }

        var row = models.FraudRows[3];
        var (_, predict, _) = await _server.PostAsync("predict/fraud", Requests.Features(_fraud.Manifest.Inputs, row).ToJsonString());
        Assert.Equal(Requests.Expected(_fraud, row).Probability!.Value, predict!["probability"]!.GetValue<double>(), 12);
    }

    private List<(string Path, byte[] Body)> ValidBodies()
    {
        var signature = _fraud.Manifest.Inputs;
        var rows = models.FraudRows.Take(2).ToList();
        var single = Requests.Features(signature, rows[0]);
        var oip = new JsonObject
        {
            ["id"] = "fuzz",
            ["inputs"] = new JsonArray([.. signature.Select(column => (JsonNode)new JsonObject
            {
                ["name"] = column.Name,
                ["shape"] = new JsonArray(2),
                ["datatype"] = column.Type switch { ColumnType.Numeric => "FP64", ColumnType.Boolean => "BOOL", _ => "BYTES" },
                ["data"] = new JsonArray([.. rows.Select(r => Requests.Value(column, r[column.Name]))]),
            })]),
        };
        var invocations = new JsonObject
        {
            ["dataframe_split"] = new JsonObject
            {
                ["columns"] = new JsonArray([.. signature.Select(c => (JsonNode)JsonValue.Create(c.Name))]),
                ["data"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonArray([.. signature.Select(c => Requests.Value(c, r[c.Name]))]))]),
            },
        };
        return
        [
            ("predict/fraud", Encoding.UTF8.GetBytes(single.ToJsonString())),
            ("predict/fraud", Encoding.UTF8.GetBytes(new JsonArray([.. rows.Select(r => (JsonNode)Requests.Features(signature, r))]).ToJsonString())),
            ("v2/models/fraud/infer", Encoding.UTF8.GetBytes(oip.ToJsonString())),
            ("invocations", Encoding.UTF8.GetBytes(invocations.ToJsonString())),
            ("invocations", Encoding.UTF8.GetBytes(new JsonObject { ["dataframe_records"] = new JsonArray(single.DeepClone()) }.ToJsonString())),
        ];
    }

    private static byte[] Mutate(byte[] body, Random random)
    {
        switch (random.Next(7))
        {
            case 0:
                return [.. Enumerable.Range(0, random.Next(1, 200)).Select(_ => (byte)random.Next(256))];
            case 1:
                return body[..random.Next(body.Length)];
            case 2:
            {
                var copy = (byte[])body.Clone();
                for (var flips = random.Next(1, 6); flips > 0; flips--)
                {
                    copy[random.Next(copy.Length)] = (byte)random.Next(256);
                }

                return copy;
            }

            case 3:
            {
                // Replace a JSON value (after a ':' or inside an array) with an odd one.
                var text = Encoding.UTF8.GetString(body);
                var colon = FindValueStart(text, random);
                var end = colon + 1;
                while (end < text.Length && text[end] is not (',' or '}' or ']'))
                {
                    end++;
                }

                return Encoding.UTF8.GetBytes(text[..(colon + 1)] + OddValues[random.Next(OddValues.Length)] + text[end..]);
            }

            case 4:
            {
                var text = Encoding.UTF8.GetString(body);
                var at = random.Next(text.Length);
                string[] inserts = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\u00e9", "\u0000", "//x\n", "  "];
                return Encoding.UTF8.GetBytes(text[..at] + inserts[random.Next(inserts.Length)] + text[at..]);
            }

            case 5:
            {
                var depth = random.Next(10, 2000);
                return Encoding.UTF8.GetBytes(new string('[', depth) + "1" + new string(']', random.Next(depth + 1)));
            }

            default:
            {
                // Swap a property name for a random one.
                var text = Encoding.UTF8.GetString(body);
                var quote = text.IndexOf('"', random.Next(text.Length));
                if (quote < 0)
                {
                    return body;
                }

                var close = text.IndexOf('"', quote + 1);
                return close < 0 ? body : Encoding.UTF8.GetBytes(text[..(quote + 1)] + "x\u00fe" + random.Next() + text[close..]);
            }
        }
    }

    private static int FindValueStart(string text, Random random)
    {
        var from = random.Next(text.Length);
        var colon = text.IndexOfAny([':', '['], from);
        return colon < 0 ? text.IndexOf(':', StringComparison.Ordinal) : colon;
    }
}
