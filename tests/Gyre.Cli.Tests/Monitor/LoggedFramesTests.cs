using Gyre.Data.Tables;
using Gyre.Monitoring.Datasets;
using Gyre.Monitoring.InferenceLog;
using Gyre.Pipelines.Monitoring;
using Gyre.Training.Featurization;
using Gyre.Training.Specs;
using NumericColumn = Gyre.Monitoring.Datasets.NumericColumn;

namespace Gyre.Cli.Tests.Monitor;

/// <summary>Logged inferences back into columns: types from the signature, bad records reported, never dropped silently.</summary>
public sealed class LoggedFramesTests
{
    private static readonly SignatureColumn[] Inputs =
    [
        new("amount", ColumnType.Numeric, FeatureKind.Numeric, Nullable: true),
        new("channel", ColumnType.Categorical, FeatureKind.Categorical, Nullable: true),
        new("card_present", ColumnType.Boolean, FeatureKind.Numeric, Nullable: true),
        new("timestamp", ColumnType.DateTime, FeatureKind.Numeric, Nullable: true),
    ];

    private static LoggedInference Logged(string id, string inputs, string outputs, string? label = null, long time = 1000) =>
        new(new InferenceRecord(id, time, "fraud", "fraud", 1, InferenceVariants.Primary, inputs, outputs, 0.1), label, label is null ? null : time);

    [Fact]
    public void From_WellFormedRecords_TypedColumnsOutputsLabelsAndTimes()
    {
        var frame = LoggedFrames.From(
            [
                Logged("a", """{"amount": 12.5, "channel": "web", "card_present": true, "timestamp": "2024-01-01T00:00:00Z"}""", """{"prediction": "1", "probability": 0.9}""", "1", 10),
                Logged("b", """{"amount": null, "channel": null, "card_present": false, "timestamp": null}""", """{"prediction": "0", "probability": 0.2}""", null, 20),
            ],
            Inputs,
            TaskKind.Binary);

        Assert.Empty(frame.Problems);
        Assert.Equal(["amount", "channel", "card_present", "prediction", "probability"], frame.Frame.Columns.Select(c => c.Name));
        var amount = Assert.IsType<NumericColumn>(frame.Frame.Find("amount"));
        Assert.Equal(12.5, amount.Values[0]);
        Assert.True(double.IsNaN(amount.Values[1]));
        Assert.Equal(["web", null], Assert.IsType<CategoricalColumn>(frame.Frame.Find("channel")).Values);
        Assert.Equal(["true", "false"], Assert.IsType<CategoricalColumn>(frame.Frame.Find("card_present")).Values);
        Assert.Equal(["1", "0"], Assert.IsType<CategoricalColumn>(frame.Frame.Find("prediction")).Values);
        Assert.Equal([0.9, 0.2], Assert.IsType<NumericColumn>(frame.Frame.Find("probability")).Values);
        Assert.Equal(["1", null], frame.Labels);
        Assert.Equal([10L, 20L], frame.Times);
    }

    [Fact]
    public void From_WrongKindAndUnreadableRecords_ReportedByRequestIdAndReadAsMissingOrSkipped()
    {
        var frame = LoggedFrames.From(
            [
                Logged("bad-kind", """{"amount": "twelve", "channel": 3, "card_present": true}""", """{"prediction": "1", "probability": 0.9}"""),
                Logged("torn", """{"amount": 1""", """{"prediction": "0"}"""),
                Logged("fine", """{"amount": 2, "channel": "pos", "card_present": false}""", """{"prediction": "0", "probability": 0.1}"""),
            ],
            Inputs,
            TaskKind.Binary);

        Assert.Equal(2, frame.Frame.RowCount);
        Assert.Contains(frame.Problems, p => p.Contains("bad-kind", StringComparison.Ordinal) && p.Contains("amount, channel", StringComparison.Ordinal));
        Assert.Contains(frame.Problems, p => p.Contains("torn", StringComparison.Ordinal) && p.Contains("skipped", StringComparison.Ordinal));
        var amount = Assert.IsType<NumericColumn>(frame.Frame.Find("amount"));
        Assert.True(double.IsNaN(amount.Values[0]));
        Assert.Equal(2, amount.Values[1]);
    }

    [Theory]
    [InlineData("\"fraud\"", "fraud")]
    [InlineData("1", "1")]
    [InlineData("2.50", "2.5")]
    [InlineData("true", "true")]
    [InlineData("null", null)]
    [InlineData("[1]", null)]
    public void LabelText_JsonLabel_InvariantText(string json, string? expected) =>
        Assert.Equal(expected, LoggedFrames.LabelText(json));
}
