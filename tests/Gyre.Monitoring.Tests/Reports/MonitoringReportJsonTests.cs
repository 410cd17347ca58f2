using Gyre.Monitoring.Concept;
using Gyre.Monitoring.Performance;
using Gyre.Monitoring.Reports;

namespace Gyre.Monitoring.Tests.Reports;

public sealed class MonitoringReportJsonTests
{
    [Fact]
    public void Deserialize_SerializedReport_RoundTripsEveryField()
    {
        var report = SampleReports.Full();

        var json = MonitoringReportJson.Serialize(report);
        var read = MonitoringReportJson.Deserialize(json);

        Assert.Equal(json, MonitoringReportJson.Serialize(read));
        Assert.Equal(report.Title, read.Title);
        Assert.Equal(report.GeneratedAt, read.GeneratedAt);
        Assert.Equal(report.Drift.Columns.Select(c => (c.Column, c.Kind, c.Result.Method, c.Result.Score, c.Drifted)),
            read.Drift.Columns.Select(c => (c.Column, c.Kind, c.Result.Method, c.Result.Score, c.Drifted)));
        Assert.Equal(report.Distributions.SelectMany(d => d.ReferenceCounts), read.Distributions.SelectMany(d => d.ReferenceCounts));
        Assert.Equal(report.Performance.Count, read.Performance.Count);
        Assert.Equal(report.Performance[1].Realized["accuracy"], read.Performance[1].Realized["accuracy"]);
        Assert.Equal(report.Fairness[0].DemographicParityRatio, read.Fairness[0].DemographicParityRatio);
        Assert.Equal(report.ConceptDrift![0], read.ConceptDrift![0]);
        Assert.Equal(report.Warnings, read.Warnings);
        Assert.StartsWith("{\n  \"format_version\": 1,", json.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_NonFiniteNumbers_NeverWritesNaN()
    {
        var report = SampleReports.Empty() with
        {
            Performance = [new PerformanceWindow(0, 1, 1, 0, new Dictionary<string, double> { ["mae"] = double.NaN })],
            ConceptDrift = [new ConceptDriftDetection("ddm", 0, 0, double.NaN, double.PositiveInfinity)],
        };

        var json = MonitoringReportJson.Serialize(report);

        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", json, StringComparison.Ordinal);
        Assert.True(double.IsNaN(MonitoringReportJson.Deserialize(json).ConceptDrift![0].ErrorBefore));
    }

    [Fact]
    public void Serialize_FullReport_UsesSnakeCaseNamesAndEnumStrings()
    {
        var json = MonitoringReportJson.Serialize(SampleReports.Full());

        Assert.Contains("\"generated_at\":", json, StringComparison.Ordinal);
        Assert.Contains("\"drift_share_threshold\":", json, StringComparison.Ordinal);
        Assert.Contains("\"reference_counts\":", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"categorical\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Column\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"format_version\": 2}")]
    [InlineData("{\"title\": \"x\"}")]
    [InlineData("[1, 2]")]
    [InlineData("{\"format_version\": 1, \"title\": ")]
    public void Deserialize_OtherVersionOrMalformed_ThrowsInvalidInputNamingSource(string json)
    {
        var error = Assert.Throws<Gyre.Core.GyreException>(() => MonitoringReportJson.Deserialize(json, "r.json"));

        Assert.Equal(Gyre.Core.ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("r.json", error.Message, StringComparison.Ordinal);
    }
}
