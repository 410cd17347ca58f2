using System.Net;
using Gyre.Server.Tests.Support;

namespace Gyre.Server.Tests.Api;

public sealed class MetricsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task GetHistory_AnswersEveryPointByStepThenTimestamp()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");
        (await client.PostAsync("runs/log-batch", new
        {
            run_id = runId,
            metrics = new[]
            {
                new { key = "loss", value = 0.3, timestamp = 30L, step = 2L },
                new { key = "loss", value = 0.9, timestamp = 10L, step = 0L },
                new { key = "loss", value = 0.5, timestamp = 20L, step = 1L },
                new { key = "other", value = 1.0, timestamp = 1L, step = 0L },
            },
        })).AssertOk();

        var result = await client.GetAsync($"metrics/get-history?run_id={runId}&metric_key=loss");

        result.AssertOk();
        Assert.Equal(
            """{"metrics":[{"key":"loss","value":0.9,"timestamp":10,"step":0},{"key":"loss","value":0.5,"timestamp":20,"step":1},{"key":"loss","value":0.3,"timestamp":30,"step":2}]}""",
            result.Body);
    }

    [Fact]
    public async Task GetHistory_WithMaxResults_PagesThroughThePoints()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");
        (await client.PostAsync("runs/log-batch", new
        {
            run_id = runId,
            metrics = Enumerable.Range(0, 5).Select(i => new { key = "m", value = (double)i, timestamp = 1L, step = (long)i }).ToArray(),
        })).AssertOk();

        var steps = new List<long>();
        string? token = null;
        var pages = 0;
        do
        {
            var result = await client.GetAsync($"metrics/get-history?run_id={runId}&metric_key=m&max_results=2" + (token is null ? "" : $"&page_token={Uri.EscapeDataString(token)}"));
            result.AssertOk();
            steps.AddRange(result.Json["metrics"]!.AsArray().Select(m => m!["step"]!.GetValue<long>()));
            token = result.Json["next_page_token"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);

        Assert.Equal([0L, 1, 2, 3, 4], steps);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task GetHistory_UnknownKey_AnswersEmptyObject()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");

        var result = await client.GetAsync($"metrics/get-history?run_id={runId}&metric_key=never");

        result.AssertOk();
        Assert.Equal("{}", result.Body);
    }

    [Fact]
    public async Task GetHistory_UnknownRun_Is404()
    {
        using var client = fixture.Client();

        var result = await client.GetAsync("metrics/get-history?run_id=ffffffffffffffffffffffffffffffff&metric_key=m");

        result.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task GetHistory_WithoutMetricKey_Is400()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");

        var result = await client.GetAsync($"metrics/get-history?run_id={runId}");

        Assert.Contains("'metric_key'", result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), StringComparison.Ordinal);
    }
}
