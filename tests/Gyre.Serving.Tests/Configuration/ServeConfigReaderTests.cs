using Gyre.Core;
using Gyre.Serving.Configuration;
using Gyre.Training.Scoring;

namespace Gyre.Serving.Tests.Configuration;

public sealed class ServeConfigReaderTests
{
    [Fact]
    public void Parse_FullEndpoint_ReadsEveryPolicy()
    {
        var yaml = """
            endpoints:
              - name: fraud
                model: fraud@champion
                canary: fraud@challenger
                canary_weight: 0.25
                shadow: fraud/7
                unknown_categories: map
                log_sample_rate: 0.5
                max_batch_size: 16
                max_batch_wait_ms: 3
              - name: local
                package: models/local
            """;

        var specs = ServeConfigReader.Parse(yaml, "serve.yaml", "/srv");

        var fraud = specs[0];
        Assert.Equal("fraud", fraud.Name);
        Assert.Equal("fraud@champion", fraud.Primary.ToString());
        Assert.True(fraud.Primary.FollowsAlias);
        Assert.Equal("fraud@challenger", fraud.Canary!.ToString());
        Assert.Equal(0.25, fraud.CanaryWeight);
        Assert.Equal(7, fraud.Shadow!.Reference!.Version);
        Assert.Equal(UnknownCategoryPolicy.MapToUnknown, fraud.UnknownCategories);
        Assert.Equal(0.5, fraud.LogSampleRate);
        Assert.Equal(16, fraud.MaxBatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(3), fraud.MaxBatchWait);
        Assert.Equal(1, specs[1].MaxBatchSize);
        Assert.Equal(Path.GetFullPath("/srv/models/local"), specs[1].Primary.PackagePath);
        Assert.Equal(UnknownCategoryPolicy.Reject, specs[1].UnknownCategories);
    }

    [Theory]
    [InlineData("endpoints:\n  - model: fraud@champion\n    canary_weight: 2\n", "serve.yaml:3", "canary_weight")]
    [InlineData("endpoints:\n  - model: fraud@champion\n    colour: red\n", "serve.yaml:3", "colour")]
    [InlineData("endpoints:\n  - name: x\n", "serve.yaml:2", "model")]
    [InlineData("endpoints:\n  - model: fraud\n", "serve.yaml:2", "fraud")]
    [InlineData("endpoints:\n  - model: fraud@a\n    unknown_categories: drop\n", "serve.yaml:3", "unknown_categories")]
    [InlineData("models: []\n", "serve.yaml:1", "endpoints")]
    [InlineData("endpoints:\n  - model: fraud@a\n    max_batch_size: 0\n", "serve.yaml:3", "max_batch_size")]
    public void Parse_Invalid_ThrowsInvalidInputNamingLineAndField(string yaml, string line, string field)
    {
        var error = Assert.Throws<GyreException>(() => ServeConfigReader.Parse(yaml, "serve.yaml", "/srv"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(line, error.Message, StringComparison.Ordinal);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }
}
