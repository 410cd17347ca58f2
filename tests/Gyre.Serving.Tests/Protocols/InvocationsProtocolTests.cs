using System.Text.Json.Nodes;
using Gyre.Serving.Tests.Support;
using Gyre.Training.Packaging;

namespace Gyre.Serving.Tests.Protocols;

public sealed class InvocationsProtocolTests(ServingModels models) : IAsyncLifetime
{
    private RunningServer _server = null!;
    private ModelPackage _fraud = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync(models, RunningServer.Registered("fraud", "fraud@champion"));
        _fraud = await ModelPackage.LoadAsync(models.FraudA, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Invocations_EveryFormat_ReturnsTheSameLabels()
    {
        var rows = models.FraudRows.Skip(20).Take(4).ToList();
        var signature = _fraud.Manifest.Inputs;
        var records = new JsonArray([.. rows.Select(r => (JsonNode)Requests.Features(signature, r))]);
        var reversed = signature.Reverse().ToList();
        var split = new JsonObject
        {
            ["dataframe_split"] = new JsonObject
            {
                ["index"] = new JsonArray([.. rows.Select((_, i) => (JsonNode)JsonValue.Create(i))]),
                ["data"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonArray([.. reversed.Select(c => Requests.Value(c, r[c.Name]))]))]),
                ["columns"] = new JsonArray([.. reversed.Select(c => (JsonNode)JsonValue.Create(c.Name))]),
            },
        };
        var columnar = new JsonObject();
        foreach (var column in signature)
        {
            columnar[column.Name] = new JsonArray([.. rows.Select(r => Requests.Value(column, r[column.Name]))]);
        }

        var bodies = new[]
        {
            split.ToJsonString(),
            new JsonObject { ["dataframe_records"] = records.DeepClone() }.ToJsonString(),
            new JsonObject { ["instances"] = records.DeepClone() }.ToJsonString(),
            new JsonObject { ["instances"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonArray([.. signature.Select(c => Requests.Value(c, r[c.Name]))]))]) }.ToJsonString(),
            new JsonObject { ["inputs"] = columnar, ["params"] = new JsonObject { ["x"] = 1 } }.ToJsonString(),
        };
        var expected = rows.Select(r => Requests.Expected(_fraud, r).PredictedLabel).ToList();

        foreach (var body in bodies)
        {
            var (status, json, _) = await _server.PostAsync("invocations", body);
            Assert.True(status == 200, $"{status} {json?.ToJsonString()} for {body}");
            Assert.Equal(expected, json!["predictions"]!.AsArray().Select(p => p!.GetValue<string>()));
        }
    }

    [Theory]
    [InlineData("""{"instances": [], "inputs": []}""", "exactly one")]
    [InlineData("""{"params": {}}""", "none of")]
    [InlineData("""{"dataframe_split": {"columns": ["nope"], "data": [[1]]}}""", "'nope'")]
    [InlineData("""{"dataframe_split": {"columns": ["amount"]}}""", "data")]
    [InlineData("""{"instances": [["2024-01-01T00:00:00Z"]]}""", "Row 0 has 1 values")]
    public async Task Invocations_BadRequest_Returns400(string body, string named)
    {
        var (status, json, _) = await _server.PostAsync("invocations", body);

        Assert.Equal(400, status);
        Assert.Contains(named, json!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
