using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Data.Tables;
using Gyre.Serving.Tests.Support;
using Gyre.Training.Packaging;

namespace Gyre.Serving.Tests.Protocols;

public sealed class OpenInferenceProtocolTests(ServingModels models) : IAsyncLifetime
{
    private RunningServer _server = null!;
    private ModelPackage _fraud = null!;
    private ModelPackage _iris = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync(models, RunningServer.Registered("fraud", "fraud@champion"), RunningServer.Registered("iris", "iris@champion"));
        _fraud = await ModelPackage.LoadAsync(models.FraudA, TestContext.Current.CancellationToken);
        _iris = await ModelPackage.LoadAsync(models.Iris, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Health_LiveAndReady_Return200WithBodies()
    {
        var (liveStatus, live) = await _server.GetAsync("v2/health/live");
        var (readyStatus, ready) = await _server.GetAsync("v2/health/ready");

        Assert.Equal(200, liveStatus);
        Assert.True(live!["live"]!.GetValue<bool>());
        Assert.Equal(200, readyStatus);
        Assert.True(ready!["ready"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ServerMetadata_ReturnsNameVersionExtensions()
    {
        var (status, json) = await _server.GetAsync("v2");

        Assert.Equal(200, status);
        Assert.Equal("gyre", json!["name"]!.GetValue<string>());
        Assert.NotNull(json["version"]);
        Assert.NotNull(json["extensions"]!.AsArray());
    }

    [Fact]
    public async Task ModelMetadata_ListsEveryFieldAndOutput()
    {
        var (status, json) = await _server.GetAsync("v2/models/fraud");

        Assert.Equal(200, status);
        Assert.Equal("fraud", json!["name"]!.GetValue<string>());
        Assert.Equal("mlnet_zip", json["platform"]!.GetValue<string>());
        Assert.Equal(["1"], json["versions"]!.AsArray().Select(v => v!.GetValue<string>()));
        var inputs = json["inputs"]!.AsArray();
        Assert.Equal(_fraud.Manifest.Inputs.Select(c => c.Name), inputs.Select(i => i!["name"]!.GetValue<string>()));
        var amount = inputs.Single(i => i!["name"]!.GetValue<string>() == "amount")!;
        Assert.Equal("FP64", amount["datatype"]!.GetValue<string>());
        Assert.Equal([-1L], amount["shape"]!.AsArray().Select(d => d!.GetValue<long>()));
        Assert.Equal(["predicted_label", "probability"], json["outputs"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ModelReady_KnownAndUnknownVersions()
    {
        var (ready, json) = await _server.GetAsync("v2/models/fraud/ready");
        var (versionReady, _) = await _server.GetAsync("v2/models/fraud/versions/1/ready");
        var (unknownVersion, _) = await _server.GetAsync("v2/models/fraud/versions/9/ready");
        var (unknownModel, error) = await _server.GetAsync("v2/models/nope/ready");

        Assert.Equal(200, ready);
        Assert.Equal("fraud", json!["name"]!.GetValue<string>());
        Assert.True(json["ready"]!.GetValue<bool>());
        Assert.Equal(200, versionReady);
        Assert.Equal(404, unknownVersion);
        Assert.Equal(404, unknownModel);
        Assert.Contains("nope", error!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_OneInputPerColumn_MatchesInProcessScoringAndEchoesId()
    {
        var rows = models.FraudRows.Skip(10).Take(3).ToList();
        var body = new JsonObject
        {
            ["id"] = "abc-1",
            ["inputs"] = new JsonArray([.. _fraud.Manifest.Inputs.Select(column => (JsonNode)new JsonObject
            {
                ["name"] = column.Name,
                ["shape"] = new JsonArray(rows.Count),
                ["datatype"] = column.Type switch { ColumnType.Numeric => "FP64", ColumnType.Boolean => "BOOL", _ => "BYTES" },
                ["data"] = new JsonArray([.. rows.Select(r => Requests.Value(column, r[column.Name]))]),
            })]),
        };

        var (status, json, response) = await _server.PostAsync("v2/models/fraud/infer", body.ToJsonString());

        Assert.Equal(200, status);
        Assert.Equal("fraud", json!["model_name"]!.GetValue<string>());
        Assert.Equal("1", json["model_version"]!.GetValue<string>());
        Assert.Equal("abc-1", json["id"]!.GetValue<string>());
        Assert.Equal("abc-1", response.Headers.GetValues("X-Request-Id").Single());
        var probability = json["outputs"]!.AsArray().Single(o => o!["name"]!.GetValue<string>() == "probability")!;
        Assert.Equal("FP64", probability["datatype"]!.GetValue<string>());
        Assert.Equal([(long)rows.Count], probability["shape"]!.AsArray().Select(d => d!.GetValue<long>()));
        var data = probability["data"]!.AsArray();
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(Requests.Expected(_fraud, rows[i]).Probability!.Value, data[i]!.GetValue<double>(), 12);
        }
    }

    [Fact]
    public async Task Infer_MatrixTensorAndOutputsFilter_ReturnsOnlyAskedOutputs()
    {
        var row = new Dictionary<string, string> { ["sepal_length"] = "6.3", ["sepal_width"] = "2.9", ["petal_length"] = "5.6", ["petal_width"] = "1.8" };
        var values = _iris.Manifest.Inputs.Select(c => double.Parse(row[c.Name], CultureInfo.InvariantCulture)).ToList();
        var body = $$"""
            {"inputs": [{"name": "input-0", "shape": [2, 4], "datatype": "FP32", "data": [[{{string.Join(",", values)}}], [{{string.Join(",", values)}}]]}],
             "outputs": [{"name": "class_probabilities"}]}
            """;

        var (status, json, _) = await _server.PostAsync("v2/models/iris/versions/1/infer", body);

        Assert.Equal(200, status);
        var output = Assert.Single(json!["outputs"]!.AsArray())!;
        Assert.Equal("class_probabilities", output["name"]!.GetValue<string>());
        Assert.Equal([2L, _iris.Manifest.ClassNames.Count], output["shape"]!.AsArray().Select(d => d!.GetValue<long>()));
        var expected = Requests.Expected(_iris, row).ClassProbabilities!;
        var data = output["data"]!.AsArray().Select(d => d!.GetValue<double>()).ToList();
        Assert.Equal(expected.Count * 2, data.Count);
        for (var c = 0; c < expected.Count; c++)
        {
            Assert.Equal(expected[c], data[c], 6);
            Assert.Equal(expected[c], data[expected.Count + c], 6);
        }
    }

    [Theory]
    [InlineData("""{"inputs": [{"name": "sepal_length", "shape": [2], "datatype": "FP64", "data": [1.0]}]}""", "sepal_length")]
    [InlineData("""{"inputs": [{"name": "sepal_length", "shape": [1], "datatype": "BYTES", "data": ["a"]}]}""", "sepal_length")]
    [InlineData("""{"inputs": [{"name": "colour", "shape": [1], "datatype": "FP64", "data": [1.0]}]}""", "colour")]
    [InlineData("""{"inputs": [{"name": "sepal_length", "shape": [1], "datatype": "FP16", "data": [1.0]}]}""", "FP16")]
    [InlineData("""{"inputs": [{"name": "sepal_length", "shape": [1], "datatype": "FP64", "data": [1.0]}]}""", "sepal_width")]
    [InlineData("""{"inputs": [{"name": "input-0", "shape": [1, 4], "datatype": "FP64", "data": [1, 2, 3, 4]}], "outputs": [{"name": "nope"}]}""", "nope")]
    [InlineData("""{"inputs": []}""", "inputs")]
    [InlineData("""{"id": 5, "inputs": []}""", "id")]
    public async Task Infer_BadRequest_Returns400NamingTheProblem(string body, string named)
    {
        var (status, json, _) = await _server.PostAsync("v2/models/iris/infer", body);

        Assert.Equal(400, status);
        Assert.Contains(named, json!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_DataBeforeNameAndShape_IsAccepted()
    {
        var body = """{"inputs": [{"data": [[6.3, 2.9, 5.6, 1.8]], "datatype": "FP64", "shape": [1, 4], "name": "x"}]}""";

        var (status, json, _) = await _server.PostAsync("v2/models/iris/infer", body);

        Assert.Equal(200, status);
        Assert.Equal(2, json!["outputs"]!.AsArray().Count - 1);
    }
}
