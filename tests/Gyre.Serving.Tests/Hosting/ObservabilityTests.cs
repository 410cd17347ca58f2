using System.Text;
using System.Text.Json.Nodes;
using Gyre.Monitoring.InferenceLog;
using Gyre.Serving.Tests.Support;
using Gyre.Training.Packaging;

namespace Gyre.Serving.Tests.Hosting;

/// <summary>Prometheus metrics, the inference log, feedback, docs.</summary>
public sealed class ObservabilityTests(ServingModels models) : IAsyncLifetime
{
    private readonly MemoryInferenceLog _log = new();
    private RunningServer _server = null!;
    private ModelPackage _fraud = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync(
            models, options => options with { InferenceLog = _log, FeedbackStore = _log },
            RunningServer.Registered("fraud", "fraud@champion"), RunningServer.Registered("unlogged", "iris@champion") with { LogSampleRate = 0 });
        _fraud = await ModelPackage.LoadAsync(models.FraudA, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Metrics_AfterRequests_CountByStatusAndExposeModelAndProcessMetrics()
    {
        var body = Requests.Features(_fraud.Manifest.Inputs, models.FraudRows[0]).ToJsonString();
        for (var i = 0; i < 3; i++)
        {
            await _server.PostAsync("predict/fraud", body);
        }

        await _server.PostAsync("predict/fraud", "{\"amount\": \"x\"}");
        await _server.PostAsync("v2/models/fraud/infer", "{}");

        var metrics = await _server.MetricsAsync();

        Assert.Contains("gyre_inference_requests_total{endpoint=\"fraud\",model=\"fraud\",version=\"1\",protocol=\"predict\",status=\"200\"} 3", metrics, StringComparison.Ordinal);
        Assert.Contains("gyre_inference_requests_total{endpoint=\"fraud\",model=\"fraud\",version=\"1\",protocol=\"predict\",status=\"400\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("gyre_inference_requests_total{endpoint=\"fraud\",model=\"fraud\",version=\"1\",protocol=\"v2\",status=\"400\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("gyre_inference_request_duration_seconds_bucket{endpoint=\"fraud\",model=\"fraud\",version=\"1\",protocol=\"predict\",le=\"0.0001\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("gyre_inference_requests_in_flight ", metrics, StringComparison.Ordinal);
        Assert.Contains("gyre_model_loaded{endpoint=\"fraud\",model=\"fraud\",version=\"1\",variant=\"primary\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("gyre_model_load_duration_seconds_count{endpoint=\"fraud\",model=\"fraud\",version=\"1\",variant=\"primary\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("gyre_inference_log_queue_depth ", metrics, StringComparison.Ordinal);
        Assert.Contains("gyre_inference_log_dropped_total ", metrics, StringComparison.Ordinal);
        Assert.Contains("process_cpu_seconds_total ", metrics, StringComparison.Ordinal);
        Assert.Contains("process_working_set_bytes ", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InferenceLog_EachPrediction_RecordedWithInputsOutputsAndRequestId()
    {
        var row = models.FraudRows[2];
        var id = "log-" + Guid.NewGuid().ToString("N");
        var (status, json, _) = await _server.PostAsync("predict/fraud", Requests.Features(_fraud.Manifest.Inputs, row).ToJsonString(), id);
        Assert.Equal(200, status);

        var record = await _log.WaitForAsync(id, TestContext.Current.CancellationToken);

        Assert.Equal("fraud", record.Endpoint);
        Assert.Equal(1, record.ModelVersion);
        Assert.Equal(InferenceVariants.Primary, record.Variant);
        var inputs = JsonNode.Parse(record.InputsJson)!;
        Assert.Equal(double.Parse(row["amount"], System.Globalization.CultureInfo.InvariantCulture), inputs["amount"]!.GetValue<double>());
        Assert.Equal(row["merchant_category"], inputs["merchant_category"]!.GetValue<string>());
        var outputs = JsonNode.Parse(record.OutputsJson)!;
        Assert.Equal(json!["probability"]!.GetValue<double>(), outputs["probability"]!.GetValue<double>());
        Assert.True(record.LatencyMs >= 0);
    }

    [Fact]
    public async Task InferenceLog_SampleRateZero_RecordsNothing()
    {
        var id = "unlogged-" + Guid.NewGuid().ToString("N");
        var (status, _, _) = await _server.PostAsync("predict/unlogged", """{"sepal_length": 5, "sepal_width": 3, "petal_length": 1.5, "petal_width": 0.2}""", id);

        Assert.Equal(200, status);
        Assert.DoesNotContain(_log.Records, r => r.RequestId == id);
    }

    [Fact]
    public async Task Feedback_OneAndList_StoredWithLabelsAsJson()
    {
        var (one, oneJson, _) = await _server.PostAsync("v2/models/fraud/feedback", """{"request_id": "fb-1", "label": "1"}""");
        var (list, listJson, _) = await _server.PostAsync("v2/models/fraud/feedback", """[{"request_id": "fb-2", "label": 0}, {"request_id": "fb-3", "label": true}]""");

        Assert.Equal(200, one);
        Assert.Equal(1, oneJson!["accepted"]!.GetValue<int>());
        Assert.Equal(200, list);
        Assert.Equal(2, listJson!["accepted"]!.GetValue<int>());
        var stored = _log.Feedback.Where(f => f.RequestId.StartsWith("fb-", StringComparison.Ordinal)).OrderBy(f => f.RequestId).ToList();
        Assert.Equal(["\"1\"", "0", "true"], stored.Select(f => f.LabelJson));
        Assert.All(stored, f => Assert.Equal("fraud", f.Endpoint));
    }

    [Theory]
    [InlineData("""{"label": "1"}""", "request_id")]
    [InlineData("""{"request_id": "x"}""", "label")]
    [InlineData("""[]""", "empty")]
    [InlineData("""{"request_id": "x", "label": [1]}""", "label")]
    public async Task Feedback_Invalid_Returns400(string body, string named)
    {
        var (status, json, _) = await _server.PostAsync("v2/models/fraud/feedback", body);

        Assert.Equal(400, status);
        Assert.Contains(named, json!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docs_OpenApiAndPage_ListRoutesAndModels()
    {
        var (status, openApi) = await _server.GetAsync("openapi.json");
        var page = await _server.Client.GetStringAsync("docs", TestContext.Current.CancellationToken);

        Assert.Equal(200, status);
        Assert.Equal("3.1.0", openApi!["openapi"]!.GetValue<string>());
        Assert.NotNull(openApi["paths"]!["/v2/models/{name}/infer"]!["post"]);
        Assert.Contains("fraud", page, StringComparison.Ordinal);
        Assert.Contains("/predict/{name}", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Json()
    {
        var (status, json) = await _server.GetAsync("nothing/here");

        Assert.Equal(404, status);
        Assert.Contains("/docs", json!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(Encoding.UTF8);
    }
}
