using Gyre.Core;
using Gyre.Pipelines.Registry;

namespace Gyre.Cli.Tests.Models;

/// <summary>The promotion policy file: fields, defaults and errors that name file, line and field.</summary>
public sealed class ModelPromotionPolicyReaderTests
{
    [Fact]
    public async Task ReadAsync_FullPolicy_ReadsEveryField()
    {
        var path = Path.Combine(Path.GetTempPath(), "gyre-policy-" + Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(path, """
            primary_metric: auc
            min_improvement: 0.01
            max_regression:
              recall: 0.02
              log_loss: 0.05
            require_compatible_signature: false
            """, TestContext.Current.CancellationToken);
        try
        {
            var policy = await ModelPromotionPolicyReader.ReadAsync(path, TestContext.Current.CancellationToken);

            Assert.Equal("auc", policy.PrimaryMetric);
            Assert.Equal(0.01, policy.MinImprovement);
            Assert.Equal(0.02, policy.MaxRegression["recall"]);
            Assert.Equal(0.05, policy.MaxRegression["log_loss"]);
            Assert.False(policy.RequireCompatibleSignature);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_OnlyPrimaryMetric_DefaultsToNoDeltaAndSignatureCheck()
    {
        var policy = ModelPromotionPolicyReader.Parse("primary_metric: rmse\n", "p.yaml");

        Assert.Equal(0, policy.MinImprovement);
        Assert.Empty(policy.MaxRegression);
        Assert.True(policy.RequireCompatibleSignature);
    }

    [Theory]
    [InlineData("primary_metric: auc\nmin_improvement: -0.1\n", "p.yaml:2:", "min_improvement")]
    [InlineData("primary_metric: auc\nmax_regression:\n  recall: lots\n", "p.yaml:3:", "max_regression.recall")]
    [InlineData("primary_metric: wobble\n", "p.yaml:1:", "primary_metric")]
    [InlineData("primary_metric: auc\nmin_improvment: 0.1\n", "p.yaml:2:", "min_improvment")]
    [InlineData("primary_metric: auc\nrequire_compatible_signature: maybe\n", "p.yaml:2:", "require_compatible_signature")]
    [InlineData("min_improvement: 0.1\n", "p.yaml:1", "primary_metric")]
    public void Parse_BadField_ThrowsNamingFileLineAndField(string yaml, string location, string field)
    {
        var error = Assert.Throws<GyreException>(() => ModelPromotionPolicyReader.Parse(yaml, "p.yaml"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.StartsWith(location, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedYaml_ThrowsNamingFileAndLine()
    {
        var error = Assert.Throws<GyreException>(() => ModelPromotionPolicyReader.Parse("primary_metric: auc\nmax_regression: [recall\n", "p.yaml"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.StartsWith("p.yaml:", error.Message, StringComparison.Ordinal);
    }
}
