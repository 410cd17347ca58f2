using System.Text.Json.Nodes;
using Gyre.Core;
using Gyre.Tracking;
using Gyre.Tracking.Protocol;
using Gyre.Tracking.Protocol.Messages;

namespace Gyre.Server.Tests.Protocol;

public sealed class MlflowJsonTests
{
    [Fact]
    public void Serialize_EmptyListsAndNulls_AreOmitted()
    {
        var json = MlflowJson.Serialize(new SearchRunsResponse { Runs = [], NextPageToken = null });

        Assert.Equal("{}", json);
    }

    [Fact]
    public void Serialize_RunInfo_UsesProtoNamesInt64NumbersAndEnumNames()
    {
        var info = new RunInfo(new RunId("abc"), new ExperimentId("7"), "name", "user", RunStatus.Finished, 1_732_750_000_000, null, "mlflow-artifacts:/7/abc/artifacts", LifecycleStage.Active);

        var node = JsonNode.Parse(MlflowJson.Serialize(info.ToJson()))!.AsObject();

        Assert.Equal(["run_id", "run_uuid", "run_name", "experiment_id", "user_id", "status", "start_time", "artifact_uri", "lifecycle_stage"], node.Select(p => p.Key));
        Assert.Equal("FINISHED", node["status"]!.GetValue<string>());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, node["start_time"]!.GetValueKind());
        Assert.Equal(1_732_750_000_000, node["start_time"]!.GetValue<long>());
        Assert.Equal("abc", node["run_uuid"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(double.NaN, "\"NaN\"")]
    [InlineData(double.PositiveInfinity, "\"Infinity\"")]
    [InlineData(double.NegativeInfinity, "\"-Infinity\"")]
    [InlineData(0.25, "0.25")]
    public void Serialize_MetricValue_WritesNonFiniteAsStrings(double value, string expected)
    {
        var json = MlflowJson.Serialize(new Metric("m", value, 5, 1).ToJson());

        Assert.Equal($"{{\"key\":\"m\",\"value\":{expected},\"timestamp\":5,\"step\":1}}", json);
    }

    [Fact]
    public void Deserialize_QuotedNumbersEnumNumbersAndUnknownFields_AreAccepted()
    {
        var request = MlflowJson.Deserialize<SearchRunsRequest>(
            """{"experiment_ids":["1"],"max_results":"25","run_view_type":3,"unknown":{"a":[1,2]},"order_by":["metrics.auc DESC"]}""");

        Assert.Equal(25, request.MaxResults);
        Assert.Equal(ViewType.All, request.RunViewType);
        Assert.Equal(["metrics.auc DESC"], request.OrderBy);
    }

    [Theory]
    [InlineData("\"ALL\"", ViewType.All)]
    [InlineData("\"deleted_only\"", ViewType.DeletedOnly)]
    [InlineData("\"1\"", ViewType.ActiveOnly)]
    [InlineData("2", ViewType.DeletedOnly)]
    public void Deserialize_EnumByNameOrNumber_IsRead(string value, ViewType expected)
    {
        var request = MlflowJson.Deserialize<SearchExperimentsRequest>($$"""{"view_type":{{value}}}""");

        Assert.Equal(expected, request.ViewType);
    }

    [Fact]
    public void Deserialize_NonFiniteStringsAndQuotedNumbers_AreReadAsDoubles()
    {
        var request = MlflowJson.Deserialize<LogBatchRequest>(
            """{"metrics":[{"key":"a","value":"NaN","timestamp":"1"},{"key":"b","value":"-Infinity","timestamp":2},{"key":"c","value":"0.5","timestamp":3,"step":"4"}]}""");

        Assert.True(double.IsNaN(request.Metrics![0].Value!.Value));
        Assert.Equal(double.NegativeInfinity, request.Metrics[1].Value);
        Assert.Equal(0.5, request.Metrics[2].Value);
        Assert.Equal(4, request.Metrics[2].Step);
        Assert.Equal(1, request.Metrics[0].Timestamp);
    }

    [Fact]
    public void Deserialize_BodyThatIsAJsonString_IsDecodedTwice()
    {
        var request = MlflowJson.Deserialize<CreateExperimentRequest>("\"{\\\"name\\\": \\\"twice\\\"}\"");

        Assert.Equal("twice", request.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData("null")]
    public void Deserialize_EmptyBody_IsAMessageWithNoFields(string body)
    {
        var request = MlflowJson.Deserialize<CreateExperimentRequest>(body);

        Assert.Null(request.Name);
    }

    [Fact]
    public void Deserialize_NumberForStringField_IsReadAsItsText()
    {
        var request = MlflowJson.Deserialize<GetExperimentRequest>("""{"experiment_id": 12}""");

        Assert.Equal("12", request.ExperimentId);
    }

    [Fact]
    public void Deserialize_BoolAsString_IsRefusedNamingTheField()
    {
        var error = Assert.Throws<GyreException>(() => MlflowJson.Deserialize<FileInfoJson>("""{"is_dir":"true"}"""));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Equal("Invalid value for parameter 'is_dir' supplied: expected true or false.", error.Message);
    }

    [Fact]
    public void Deserialize_WrongTypeInList_NamesTheItemPath()
    {
        var error = Assert.Throws<GyreException>(() => MlflowJson.Deserialize<LogBatchRequest>(
            """{"metrics":[{"key":"a","value":1,"timestamp":1},{"key":"b","value":true,"timestamp":1}]}"""));

        Assert.StartsWith("Invalid value for parameter 'metrics[1].value' supplied: expected a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_UnknownEnumName_ListsTheNames()
    {
        var error = Assert.Throws<GyreException>(() => MlflowJson.Deserialize<UpdateRunRequest>("""{"status":"DONE"}"""));

        Assert.Equal("Invalid value for parameter 'status' supplied: expected one of RUNNING, SCHEDULED, FINISHED, FAILED, KILLED.", error.Message);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("[1, 2]")]
    [InlineData("not json")]
    public void Deserialize_MalformedOrNonObjectBody_IsInvalidInput(string body)
    {
        var error = Assert.Throws<GyreException>(() => MlflowJson.Deserialize<CreateExperimentRequest>(body));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public void FromQuery_RepeatedKeysAndLenientScalars_FillTheRequest()
    {
        var request = MlflowJson.FromQuery<SearchExperimentsRequest>(
        [
            KeyValuePair.Create("order_by", (IReadOnlyList<string?>)["name", "creation_time DESC"]),
            KeyValuePair.Create("max_results", (IReadOnlyList<string?>)["7"]),
            KeyValuePair.Create("view_type", (IReadOnlyList<string?>)["DELETED_ONLY"]),
            KeyValuePair.Create("ignored", (IReadOnlyList<string?>)["x"]),
        ]);

        Assert.Equal(["name", "creation_time DESC"], request.OrderBy);
        Assert.Equal(7, request.MaxResults);
        Assert.Equal(ViewType.DeletedOnly, request.ViewType);
    }

    [Fact]
    public void FromQuery_NonNumericInteger_NamesTheParameter()
    {
        var error = Assert.Throws<GyreException>(() => MlflowJson.FromQuery<GetMetricHistoryRequest>(
            [KeyValuePair.Create("max_results", (IReadOnlyList<string?>)["many"])]));

        Assert.Equal("Invalid value for parameter 'max_results' supplied: expected an integer.", error.Message);
    }

    [Fact]
    public void RequiredRunId_FallsBackToRunUuid()
    {
        Assert.Equal("u", RequiredParameters.RunId(new GetRunRequest { RunUuid = "u" }).Value);
        Assert.Equal("i", RequiredParameters.RunId(new GetRunRequest { RunId = "i", RunUuid = "u" }).Value);
        var error = Assert.Throws<GyreException>(() => RequiredParameters.RunId(new GetRunRequest { RunId = "" }));
        Assert.Equal("Missing value for required parameter 'run_id'. See the API docs for more information about request parameters.", error.Message);
    }

    [Fact]
    public void Run_RoundTripsThroughTheWireFormat()
    {
        var run = new Run(
            new RunInfo(new RunId("r1"), new ExperimentId("3"), "n", "u", RunStatus.Killed, 10, 20, "mlflow-artifacts:/3/r1/artifacts", LifecycleStage.Deleted),
            new RunData([new Metric("m", double.PositiveInfinity, 7, 2)], [new Param("p", "v")], [new Tag("t", "w")]),
            [new DatasetInput("d", "abc", "local", "/x", "{}", null, [new Tag("mlflow.data.context", "train")])]);

        var back = MlflowJson.Deserialize<RunJson>(MlflowJson.Serialize(run.ToJson())).ToRun();

        Assert.Equal(run.Info, back.Info);
        Assert.Equal(run.Data.Metrics, back.Data.Metrics);
        Assert.Equal(run.Data.Params, back.Data.Params);
        Assert.Equal(run.Data.Tags, back.Data.Tags);
        Assert.Equal(run.Inputs[0] with { Tags = null }, back.Inputs[0] with { Tags = null });
        Assert.Equal(run.Inputs[0].Tags, back.Inputs[0].Tags);
    }
}
