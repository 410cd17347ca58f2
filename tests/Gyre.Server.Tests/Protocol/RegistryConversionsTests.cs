using Gyre.Core;
using Gyre.Registry;
using Gyre.Tracking.Protocol;
using Gyre.Tracking.Protocol.Messages.Registry;

namespace Gyre.Server.Tests.Protocol;

public sealed class RegistryConversionsTests
{
    private static readonly ModelTag[] StageTag = [new("stage", "gold")];

    private static ModelVersion Version(int number, IReadOnlyList<string> aliases, RunId? runId = null, string? description = null) => new(
        "fraud", number, 1_700_000_000_000, 1_700_000_000_500, description, "alice", ModelStages.Production, "s3://b/m", runId, null,
        ModelVersionStatus.Ready, null, StageTag, aliases, null);

    [Fact]
    public void ModelVersionToJson_WritesMlflowsShapeWithStringVersionAndStatusName()
    {
        var json = MlflowJson.Serialize(Version(3, ["champion"], new RunId("abc"), "d").ToJson());

        Assert.Equal(
            """{"name":"fraud","version":"3","creation_timestamp":1700000000000,"last_updated_timestamp":1700000000500,"user_id":"alice","current_stage":"Production","description":"d","source":"s3://b/m","run_id":"abc","status":"READY","tags":[{"key":"stage","value":"gold"}],"aliases":["champion"]}""",
            json);
    }

    [Fact]
    public void ModelVersionToJson_OmitsAbsentAndEmptyFields()
    {
        var version = Version(1, [], description: "") with { UserId = "", Tags = [] };
        var json = MlflowJson.Serialize(version.ToJson());

        Assert.Equal(
            """{"name":"fraud","version":"1","creation_timestamp":1700000000000,"last_updated_timestamp":1700000000500,"current_stage":"Production","source":"s3://b/m","status":"READY"}""",
            json);
    }

    [Fact]
    public void RegisteredModelToJson_WritesAliasesWithStringVersionsAndLatestVersions()
    {
        var model = new RegisteredModel("fraud", 1, 2, null, [], [new ModelAlias("champion", 3)], [Version(3, ["champion"])]);

        var json = MlflowJson.Serialize(model.ToJson());

        Assert.StartsWith("""{"name":"fraud","creation_timestamp":1,"last_updated_timestamp":2,"latest_versions":[{"name":"fraud","version":"3",""", json, StringComparison.Ordinal);
        Assert.EndsWith("""],"aliases":[{"alias":"champion","version":"3"}]}""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelVersionJson_ReadsStatusByNameOrNumber()
    {
        Assert.Equal(ModelVersionStatus.Ready, MlflowJson.Deserialize<ModelVersionJson>("""{"status":"READY"}""").Status);
        Assert.Equal(ModelVersionStatus.PendingRegistration, MlflowJson.Deserialize<ModelVersionJson>("""{"status":1}""").Status);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("42", 42)]
    public void Version_PositiveInteger_IsParsed(string text, int expected) => Assert.Equal(expected, RegistryConversions.Version(text, "version"));

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("1.5")]
    [InlineData(" 1")]
    [InlineData("x")]
    public void Version_NotAPositiveInteger_ThrowsInvalidInputNamingTheField(string text)
    {
        var error = Assert.Throws<GyreException>(() => RegistryConversions.Version(text, "version"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("'version'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_Missing_ThrowsMissingParameter()
    {
        var error = Assert.Throws<GyreException>(() => RegistryConversions.Version(null, "version"));

        Assert.Contains("Missing value for required parameter 'version'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionNumberInRequest_AcceptsAJsonNumber()
    {
        var request = MlflowJson.Deserialize<GetModelVersionRequest>("""{"name":"m","version":2}""");

        Assert.Equal("2", request.Version);
    }
}
