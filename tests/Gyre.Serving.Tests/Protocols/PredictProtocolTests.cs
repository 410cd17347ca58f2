using System.Text.Json.Nodes;
using Gyre.Serving.Tests.Support;
using Gyre.Training.Packaging;

namespace Gyre.Serving.Tests.Protocols;

public sealed class PredictProtocolTests(ServingModels models) : IAsyncLifetime
{
    private RunningServer _server = null!;
    private ModelPackage _package = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync(
            models,
            RunningServer.Registered("fraud", "fraud@champion"),
            RunningServer.Registered("iris", "iris@champion"),
            RunningServer.Registered("fraud-map", "fraud@champion") with { UnknownCategories = Training.Scoring.UnknownCategoryPolicy.MapToUnknown });
        _package = await ModelPackage.LoadAsync(models.FraudA, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Predict_OneObject_ReturnsTheInProcessPredictionAndVersion()
    {
        var row = models.FraudRows[0];
        var expected = Requests.Expected(_package, row);

        var (status, json, response) = await _server.PostAsync("predict/fraud", Requests.Features(_package.Manifest.Inputs, row).ToJsonString(), "req-123");

        Assert.Equal(200, status);
        Assert.Equal(expected.PredictedLabel, json!["prediction"]!.GetValue<string>());
        Assert.Equal(expected.Probability!.Value, json["probability"]!.GetValue<double>(), 12);
        Assert.Equal("1", json["model_version"]!.GetValue<string>());
        Assert.Equal("req-123", json["request_id"]!.GetValue<string>());
        Assert.Equal("req-123", response.Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task Predict_Array_ReturnsOnePredictionPerRowInOrder()
    {
        var rows = models.FraudRows.Take(5).ToList();
        var body = new JsonArray([.. rows.Select(r => (JsonNode)Requests.Features(_package.Manifest.Inputs, r))]);

        var (status, json, response) = await _server.PostAsync("predict/fraud", body.ToJsonString());

        Assert.Equal(200, status);
        var predictions = json!["predictions"]!.AsArray();
        Assert.Equal(rows.Count, predictions.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(Requests.Expected(_package, rows[i]).Probability!.Value, predictions[i]!["probability"]!.GetValue<double>(), 12);
        }

        Assert.False(string.IsNullOrEmpty(json["request_id"]!.GetValue<string>()));
        Assert.Equal(json["request_id"]!.GetValue<string>(), response.Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task Predict_Multiclass_ReturnsProbabilitiesPerClass()
    {
        var body = """{"sepal_length": 6.3, "sepal_width": 2.9, "petal_length": 5.6, "petal_width": 1.8}""";
        var iris = await ModelPackage.LoadAsync(models.Iris, TestContext.Current.CancellationToken);

        var (status, json, _) = await _server.PostAsync("predict/iris", body);

        Assert.Equal(200, status);
        var probabilities = json!["probabilities"]!.AsObject();
        Assert.Equal(iris.Manifest.ClassNames.OrderBy(c => c), probabilities.Select(p => p.Key).OrderBy(c => c));
        Assert.Equal(1.0, probabilities.Sum(p => p.Value!.GetValue<double>()), 6);
        Assert.Equal(probabilities.MaxBy(p => p.Value!.GetValue<double>()).Key, json["prediction"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("amount", "\"12\"", "amount")]
    [InlineData("amount", "true", "amount")]
    [InlineData("amount", "\"Infinity\"", "amount")]
    [InlineData("amount", "1e999", "amount")]
    [InlineData("amount", "{\"a\": 1}", "amount")]
    [InlineData("merchant_category", "\"no-such-category\"", "merchant_category")]
    [InlineData("merchant_category", "[1]", "merchant_category")]
    [InlineData("card_present", "\"yes\"", "card_present")]
    [InlineData("timestamp", "\"not a date\"", "timestamp")]
    public async Task Predict_BadFieldValue_Returns400NamingTheField(string field, string value, string named)
    {
        var body = Requests.Features(_package.Manifest.Inputs, models.FraudRows[1]).ToJsonString();
        var original = Requests.Features(_package.Manifest.Inputs, models.FraudRows[1])[field]!.ToJsonString();
        var bad = body.Replace($"\"{field}\":{original}", $"\"{field}\":{value}", StringComparison.Ordinal);
        Assert.NotEqual(body, bad);

        var (status, json, _) = await _server.PostAsync("predict/fraud", bad);

        Assert.Equal(400, status);
        Assert.Contains($"'{named}'", json!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_MissingField_Returns400NamingIt()
    {
        var body = Requests.Features(_package.Manifest.Inputs, models.FraudRows[1]);
        body.Remove("amount");

        var (status, json, _) = await _server.PostAsync("predict/fraud", body.ToJsonString());

        Assert.Equal(400, status);
        Assert.Contains("'amount'", json!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_UnknownField_Returns400NamingIt()
    {
        var body = Requests.Features(_package.Manifest.Inputs, models.FraudRows[1]);
        body["favourite_colour"] = "blue";

        var (status, json, _) = await _server.PostAsync("predict/fraud", body.ToJsonString());

        Assert.Equal(400, status);
        Assert.Contains("'favourite_colour'", json!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_NullInFieldWithoutMissingValuesInTraining_Returns400()
    {
        var body = Requests.Features(_package.Manifest.Inputs, models.FraudRows[1]);
        body["amount"] = null;

        var (status, json, _) = await _server.PostAsync("predict/fraud", body.ToJsonString());

        Assert.Equal(400, status);
        Assert.Contains("'amount'", json!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"amount\": 1,}")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("")]
    [InlineData("{} {}")]
    public async Task Predict_MalformedBody_Returns400WithError(string body)
    {
        var (status, json, _) = await _server.PostAsync("predict/fraud", body);

        Assert.Equal(400, status);
        Assert.False(string.IsNullOrEmpty(json!["error"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Predict_BodyOverLimit_Returns413()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat(Requests.Features(_package.Manifest.Inputs, models.FraudRows[1]).ToJsonString(), 4000)) + "]";
        Assert.True(body.Length > 1 << 20);

        var (status, json, _) = await _server.PostAsync("predict/fraud", body);

        Assert.Equal(413, status);
        Assert.Contains("limit", json!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_UnknownModel_Returns404()
    {
        var (status, json, _) = await _server.PostAsync("predict/nope", "{}");

        Assert.Equal(404, status);
        Assert.Contains("'nope'", json!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_UnknownCategoryWithMapPolicy_ScoresItAsUnknown()
    {
        var row = new Dictionary<string, string>(models.FraudRows[1]) { ["merchant_category"] = "no-such-category" };

        var (status, json, _) = await _server.PostAsync("predict/fraud-map", Requests.Features(_package.Manifest.Inputs, row).ToJsonString());

        Assert.Equal(200, status);
        Assert.Equal(Requests.Expected(_package, row).Probability!.Value, json!["probability"]!.GetValue<double>(), 12);
    }
}
