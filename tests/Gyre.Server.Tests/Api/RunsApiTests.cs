using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Server.Tests.Support;

namespace Gyre.Server.Tests.Api;

public sealed class RunsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] AucDescending = ["metrics.auc DESC"];
    private static readonly string[] DefaultExperiment = ["0"];

    [Fact]
    public async Task Create_AnswersMlflowsRunShape()
    {
        using var client = fixture.Client();
        var experimentId = await client.CreateExperimentAsync();

        var result = await client.PostAsync("runs/create", new
        {
            experiment_id = experimentId,
            user_id = "alice",
            run_name = "smoke",
            start_time = 1_732_750_000_000L,
            tags = new[] { new { key = "mlflow.source.type", value = "LOCAL" } },
        });

        result.AssertOk();
        var run = result.Json["run"]!;
        Assert.Equal(["info", "data"], ApiResult.Keys(run));
        var info = run["info"]!;
        Assert.Equal(["run_id", "run_uuid", "run_name", "experiment_id", "user_id", "status", "start_time", "artifact_uri", "lifecycle_stage"], ApiResult.Keys(info));
        var runId = info["run_id"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{32}$", runId);
        Assert.Equal(runId, info["run_uuid"]!.GetValue<string>());
        Assert.Equal("smoke", info["run_name"]!.GetValue<string>());
        Assert.Equal("alice", info["user_id"]!.GetValue<string>());
        Assert.Equal("RUNNING", info["status"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Number, info["start_time"]!.GetValueKind());
        Assert.Equal(1_732_750_000_000L, info["start_time"]!.GetValue<long>());
        Assert.Equal($"mlflow-artifacts:/{experimentId}/{runId}/artifacts", info["artifact_uri"]!.GetValue<string>());
        Assert.Equal("active", info["lifecycle_stage"]!.GetValue<string>());
        Assert.Equal(["tags"], ApiResult.Keys(run["data"]));
        Assert.Equal("smoke", Tags(run)["mlflow.runName"]);
        Assert.Equal("LOCAL", Tags(run)["mlflow.source.type"]);
    }

    [Fact]
    public async Task Create_WithoutRunName_GeneratesOne()
    {
        using var client = fixture.Client();

        var result = await client.PostAsync("runs/create", new { experiment_id = "0" });

        result.AssertOk();
        var name = result.Json["run"]!["info"]!["run_name"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(name));
        Assert.Equal(name, Tags(result.Json["run"]!)["mlflow.runName"]);
    }

    [Fact]
    public async Task Create_WithoutExperimentId_UsesTheDefaultExperiment()
    {
        using var client = fixture.Client();

        var result = await client.PostAsync("runs/create", new { run_name = "default" });

        result.AssertOk();
        Assert.Equal("0", result.Json["run"]!["info"]!["experiment_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_RunNameDifferentFromTag_Is400()
    {
        using var client = fixture.Client();

        var result = await client.PostAsync("runs/create", new { experiment_id = "0", run_name = "a", tags = new[] { new { key = "mlflow.runName", value = "b" } } });

        result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Create_InUnknownExperiment_Is404()
    {
        using var client = fixture.Client();

        var result = await client.PostAsync("runs/create", new { experiment_id = "424242" });

        result.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task Create_InDeletedExperiment_Is400()
    {
        using var client = fixture.Client();
        var experimentId = await client.CreateExperimentAsync();
        (await client.PostAsync("experiments/delete", new { experiment_id = experimentId })).AssertOk();

        var result = await client.PostAsync("runs/create", new { experiment_id = experimentId });

        result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Get_UnknownRun_Is404WithMlflowsMessage()
    {
        using var client = fixture.Client();

        var result = await client.GetAsync("runs/get?run_id=0123456789abcdef0123456789abcdef");

        Assert.Equal("Run with id=0123456789abcdef0123456789abcdef not found", result.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST"));
    }

    [Fact]
    public async Task LogMetricParamTag_AppearInRunData()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync(await client.CreateExperimentAsync());

        (await client.PostAsync("runs/log-metric", new { run_id = runId, key = "loss", value = 0.5, timestamp = 10L, step = 1L })).AssertOk();
        (await client.PostAsync("runs/log-metric", new { run_id = runId, key = "loss", value = 0.3, timestamp = 5L, step = 2L })).AssertOk();
        (await client.PostRawAsync("runs/log-metric", $$"""{"run_id":"{{runId}}","key":"nan","value":"NaN","timestamp":1}""", "application/json")).AssertOk();
        (await client.PostAsync("runs/log-parameter", new { run_id = runId, key = "lr", value = "0.01" })).AssertOk();
        (await client.PostAsync("runs/set-tag", new { run_id = runId, key = "t", value = "1" })).AssertOk();
        (await client.PostAsync("runs/set-tag", new { run_id = runId, key = "t", value = "2" })).AssertOk();

        var run = await client.GetRunAsync(runId);

        var metrics = run["data"]!["metrics"]!.AsArray().ToDictionary(m => m!["key"]!.GetValue<string>(), m => m!);
        Assert.Equal("""{"key":"loss","value":0.3,"timestamp":5,"step":2}""", metrics["loss"].ToJsonString());
        Assert.Equal("""{"key":"nan","value":"NaN","timestamp":1,"step":0}""", metrics["nan"].ToJsonString());
        Assert.Equal("""[{"key":"lr","value":"0.01"}]""", run["data"]!["params"]!.ToJsonString());
        Assert.Equal("2", Tags(run)["t"]);
    }

    [Fact]
    public async Task LogMetric_MissingTimestamp_Is400NamingIt()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");

        var result = await client.PostAsync("runs/log-metric", new { run_id = runId, key = "m", value = 1.0 });

        Assert.Equal(
            "Missing value for required parameter 'timestamp'. See the API docs for more information about request parameters.",
            result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"));
    }

    [Fact]
    public async Task LogMetric_OnlyRunUuid_FallsBackToIt()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");

        (await client.PostAsync("runs/log-metric", new { run_uuid = runId, key = "m", value = 1.5, timestamp = 3L })).AssertOk();

        var history = await client.GetAsync($"metrics/get-history?run_uuid={runId}&metric_key=m");
        Assert.Equal("""{"metrics":[{"key":"m","value":1.5,"timestamp":3,"step":0}]}""", history.Body);
    }

    [Fact]
    public async Task LogParam_SameValueAgainIsAcceptedChangedValueIs400()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");
        (await client.PostAsync("runs/log-parameter", new { run_id = runId, key = "p", value = "a" })).AssertOk();

        var same = await client.PostAsync("runs/log-parameter", new { run_id = runId, key = "p", value = "a" });
        var changed = await client.PostAsync("runs/log-parameter", new { run_id = runId, key = "p", value = "b" });

        same.AssertOk();
        changed.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task LogParam_InvalidKey_Is400()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");

        var result = await client.PostAsync("runs/log-parameter", new { run_id = runId, key = "../x", value = "a" });

        result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task LogBatch_StoresMetricsParamsAndTagsWithLastTagWinning()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");

        var result = await client.PostAsync("runs/log-batch", new
        {
            run_id = runId,
            metrics = Enumerable.Range(0, 5).Select(i => new { key = "acc", value = i / 10.0, timestamp = 100L + i, step = (long)i }).ToArray(),
            @params = new[] { new { key = "a", value = "1" }, new { key = "b", value = "2" } },
            tags = new[] { new { key = "x", value = "first" }, new { key = "x", value = "last" } },
        });

        result.AssertOk();
        Assert.Equal("{}", result.Body);
        var run = await client.GetRunAsync(runId);
        Assert.Equal(0.4, run["data"]!["metrics"]![0]!["value"]!.GetValue<double>());
        Assert.Equal(2, run["data"]!["params"]!.AsArray().Count);
        Assert.Equal("last", Tags(run)["x"]);
        var history = await client.GetAsync($"metrics/get-history?run_id={runId}&metric_key=acc");
        Assert.Equal(5, history.Json["metrics"]!.AsArray().Count);
    }

    [Fact]
    public async Task LogBatch_TooManyMetrics_Is400WithMlflowsMessage()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");

        var result = await client.PostAsync("runs/log-batch", new
        {
            run_id = runId,
            metrics = Enumerable.Range(0, 1001).Select(i => new { key = "m", value = 1.0, timestamp = 1L, step = (long)i }).ToArray(),
        });

        Assert.Equal(
            "A batch logging request can contain at most 1000 metrics. Got 1001 metrics. Please split up metrics across multiple requests and try again.",
            result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"));
        Assert.DoesNotContain("metrics", ApiResult.Keys((await client.GetRunAsync(runId))["data"]));
    }

    [Fact]
    public async Task LogBatch_TooManyParams_Is400WithMlflowsMessage()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");

        var result = await client.PostAsync("runs/log-batch", new
        {
            run_id = runId,
            @params = Enumerable.Range(0, 101).Select(i => new { key = $"p{i}", value = "v" }).ToArray(),
        });

        Assert.Equal(
            "A batch logging request can contain at most 100 params. Got 101 params. Please split up params across multiple requests and try again.",
            result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"));
    }

    [Fact]
    public async Task LogBatch_DuplicateParamKeys_Is400()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");

        var result = await client.PostAsync("runs/log-batch", new { run_id = runId, @params = new[] { new { key = "p", value = "1" }, new { key = "p", value = "2" } } });

        Assert.StartsWith("Duplicate parameter keys have been submitted: ['p']", result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogBatch_MetricWithoutValue_Is400NamingTheItem()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");

        var result = await client.PostAsync("runs/log-batch", new { run_id = runId, metrics = new object[] { new { key = "m", value = 1.0, timestamp = 1L }, new { key = "m", timestamp = 1L } } });

        Assert.Contains("'metrics[1].value'", result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogBatch_TagValueOverLimit_Is400WithLengthMessage()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");

        var result = await client.PostAsync("runs/log-batch", new { run_id = runId, tags = new[] { new { key = "t", value = new string('v', 8001) } } });

        Assert.Equal("'tags[0].value' exceeds the maximum length of 8000 characters", result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"));
    }

    [Fact]
    public async Task DeleteTag_RemovesItAndUnknownTagIs404()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");
        (await client.PostAsync("runs/set-tag", new { run_id = runId, key = "gone", value = "x" })).AssertOk();

        (await client.PostAsync("runs/delete-tag", new { run_id = runId, key = "gone" })).AssertOk();
        var again = await client.PostAsync("runs/delete-tag", new { run_id = runId, key = "gone" });

        Assert.False(Tags(await client.GetRunAsync(runId)).ContainsKey("gone"));
        again.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task Update_SetsStatusEndTimeAndNameKeepingTheTagInSync()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0", "before");

        var result = await client.PostAsync("runs/update", new { run_id = runId, status = "FINISHED", end_time = 1_800_000_000_000L, run_name = "after" });

        result.AssertOk();
        var info = result.Json["run_info"]!;
        Assert.Equal("FINISHED", info["status"]!.GetValue<string>());
        Assert.Equal(1_800_000_000_000L, info["end_time"]!.GetValue<long>());
        Assert.Equal("after", info["run_name"]!.GetValue<string>());
        Assert.Equal("after", Tags(await client.GetRunAsync(runId))["mlflow.runName"]);
    }

    [Fact]
    public async Task Update_StatusAsProtoNumber_IsAccepted()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");

        var result = await client.PostAsync("runs/update", new { run_id = runId, status = 4 });

        result.AssertOk();
        Assert.Equal("FAILED", result.Json["run_info"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeletedRun_RefusesWritesWith400UntilRestored()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");
        (await client.PostAsync("runs/delete", new { run_id = runId })).AssertOk();

        var write = await client.PostAsync("runs/log-metric", new { run_id = runId, key = "m", value = 1.0, timestamp = 1L });
        var deleted = await client.GetRunAsync(runId);
        (await client.PostAsync("runs/restore", new { run_id = runId })).AssertOk();
        var afterRestore = await client.PostAsync("runs/log-metric", new { run_id = runId, key = "m", value = 1.0, timestamp = 1L });

        write.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        Assert.Equal("deleted", deleted["info"]!["lifecycle_stage"]!.GetValue<string>());
        afterRestore.AssertOk();
    }

    [Fact]
    public async Task Search_FilterOrderByAndPaging()
    {
        using var client = fixture.Client();
        var experimentId = await client.CreateExperimentAsync();
        var runs = new List<string>();
        foreach (var (auc, trainer) in new[] { (0.9, "lightgbm"), (0.7, "lightgbm"), (0.95, "lightgbm"), (0.99, "fasttree") })
        {
            var runId = await client.CreateRunAsync(experimentId);
            runs.Add(runId);
            (await client.PostAsync("runs/log-batch", new
            {
                run_id = runId,
                metrics = new[] { new { key = "auc", value = auc, timestamp = 1L, step = 0L } },
                @params = new[] { new { key = "trainer", value = trainer } },
            })).AssertOk();
        }

        var filter = "metrics.auc > 0.8 and params.trainer = 'lightgbm'";
        var first = await client.PostAsync("runs/search", new { experiment_ids = new[] { experimentId }, filter, order_by = AucDescending, max_results = 1 });
        var second = await client.PostAsync("runs/search", new
        {
            experiment_ids = new[] { experimentId },
            filter,
            order_by = AucDescending,
            max_results = 1,
            page_token = first.Json["next_page_token"]!.GetValue<string>(),
        });

        first.AssertOk();
        second.AssertOk();
        Assert.Equal(runs[2], first.Json["runs"]![0]!["info"]!["run_id"]!.GetValue<string>());
        Assert.Equal(runs[0], second.Json["runs"]![0]!["info"]!["run_id"]!.GetValue<string>());
        Assert.DoesNotContain("next_page_token", ApiResult.Keys(second.Json));
    }

    [Fact]
    public async Task Search_NoMatchAnswersEmptyObject_DeletedRunsHiddenByDefault()
    {
        using var client = fixture.Client();
        var experimentId = await client.CreateExperimentAsync();
        var runId = await client.CreateRunAsync(experimentId);
        (await client.PostAsync("runs/delete", new { run_id = runId })).AssertOk();

        var active = await client.PostAsync("runs/search", new { experiment_ids = new[] { experimentId } });
        var all = await client.PostAsync("runs/search", new { experiment_ids = new[] { experimentId }, run_view_type = "ALL" });

        active.AssertOk();
        Assert.Equal("{}", active.Body);
        Assert.Single(all.Json["runs"]!.AsArray());
    }

    [Theory]
    [InlineData("metrics.auc > 'high'")]
    [InlineData("params.x = 1")]
    [InlineData("foo.bar = 'x'")]
    public async Task Search_BadFilter_Is400(string filter)
    {
        using var client = fixture.Client();

        var result = await client.PostAsync("runs/search", new { experiment_ids = DefaultExperiment, filter });

        result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Search_MaxResultsOverLimitAndBadPageToken_Are400()
    {
        using var client = fixture.Client();

        var tooMany = await client.PostAsync("runs/search", new { experiment_ids = DefaultExperiment, max_results = 50001 });
        var badToken = await client.PostAsync("runs/search", new { experiment_ids = DefaultExperiment, page_token = "not a token" });

        tooMany.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        badToken.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task LogInputs_AppearAsRunInputs()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");

        var result = await client.PostAsync("runs/log-inputs", new
        {
            run_id = runId,
            datasets = new[]
            {
                new
                {
                    tags = new[] { new { key = "mlflow.data.context", value = "training" } },
                    dataset = new { name = "fraud", digest = "abc123", source_type = "local", source = "/data/fraud.csv", schema = "{}" },
                },
            },
        });

        result.AssertOk();
        var inputs = (await client.GetRunAsync(runId))["inputs"]!;
        Assert.Equal(
            """{"dataset_inputs":[{"tags":[{"key":"mlflow.data.context","value":"training"}],"dataset":{"name":"fraud","digest":"abc123","source_type":"local","source":"/data/fraud.csv","schema":"{}"}}]}""",
            inputs.ToJsonString());
    }

    [Fact]
    public async Task LogInputs_DatasetWithoutDigest_Is400NamingIt()
    {
        using var client = fixture.Client();
        var runId = await client.CreateRunAsync("0");

        var result = await client.PostAsync("runs/log-inputs", new { run_id = runId, datasets = new[] { new { dataset = new { name = "d", source_type = "local", source = "/x" } } } });

        Assert.Contains("'datasets[0].dataset.digest'", result.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Tags(JsonNode run) =>
        (run["data"]!["tags"]?.AsArray() ?? []).ToDictionary(t => t!["key"]!.GetValue<string>(), t => t!["value"]!.GetValue<string>());
}
