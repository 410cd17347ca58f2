using Gyre.Data.Tables;
using Gyre.Training.Scoring;
using Gyre.Training.Tests.Support;

namespace Gyre.Training.Tests.Scoring;

public sealed class ModelPredictorTests
{
    private static DataTable Rows() => TestTables.Adult(2000).Take([.. Enumerable.Range(0, 20)]);

    [Fact]
    public void Score_ColumnAbsent_ReportsColumnViolationAndScoresNothing()
    {
        var data = Rows().Without("age");

        var result = TrainedModels.AdultBinary.Model.Predictor.Score(data, TestContext.Current.CancellationToken);

        var violation = Assert.Single(result.Violations);
        Assert.Equal(ViolationKind.MissingColumn, violation.Kind);
        Assert.Equal("age", violation.Column);
        Assert.Null(violation.Line);
        Assert.Empty(result.Predictions);
        Assert.False(result.IsComplete);
    }

    [Fact]
    public void Score_BadNumberAndMissingValue_ReportsLinesAndScoresOtherRows()
    {
        var rows = Rows();
        var ages = Enumerable.Range(0, rows.RowCount).Select(r => rows["age"].FormatValue(r)).ToArray();
        ages[3] = "forty";
        ages[7] = null;
        var data = Replace(rows, new StringColumn("age", ColumnType.Categorical, ages));

        var result = TrainedModels.AdultBinary.Model.Predictor.Score(data, TestContext.Current.CancellationToken);

        Assert.Equal(
            [(rows.LineOf(3), ViolationKind.WrongType), (rows.LineOf(7), ViolationKind.MissingValue)],
            result.Violations.Select(v => (v.Line!.Value, v.Kind)));
        Assert.Contains("'forty'", result.Violations[0].Message, StringComparison.Ordinal);
        Assert.Equal(18, result.Predictions.Count);
        Assert.DoesNotContain(result.Predictions, p => p.Line == rows.LineOf(3) || p.Line == rows.LineOf(7));
    }

    [Fact]
    public void Score_NumbersReadAsText_ConvertedAndScoredLikeNumbers()
    {
        var rows = Rows();
        var asText = Replace(rows, new StringColumn("age", ColumnType.Categorical, [.. Enumerable.Range(0, rows.RowCount).Select(r => rows["age"].FormatValue(r))]));
        var predictor = TrainedModels.AdultBinary.Model.Predictor;

        var expected = predictor.Score(rows, TestContext.Current.CancellationToken).Predictions;
        var actual = predictor.Score(asText, TestContext.Current.CancellationToken);

        Assert.True(actual.IsComplete);
        Assert.Equal(expected, actual.Predictions);
    }

    [Fact]
    public void Score_UnseenCategory_WarnsAndStillScores()
    {
        var rows = Rows();
        var workclass = Enumerable.Range(0, rows.RowCount).Select(r => rows["workclass"].FormatValue(r)).ToArray();
        workclass[0] = "Space-agency";
        workclass[1] = "Space-agency";
        var data = Replace(rows, new StringColumn("workclass", ColumnType.Categorical, workclass));

        var result = TrainedModels.AdultBinary.Model.Predictor.Score(data, TestContext.Current.CancellationToken);

        Assert.True(result.IsComplete);
        Assert.Equal(20, result.Predictions.Count);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("workclass", warning.Column);
        Assert.Equal(2, warning.RowCount);
        Assert.Equal(["Space-agency"], warning.Examples);
    }

    [Fact]
    public void Score_BinaryModel_PredictedLabelFollowsProbabilityThreshold()
    {
        var outcome = TrainedModels.AdultBinary;

        var predictions = outcome.Model.Predictor.Score(TestTables.Adult(300), TestContext.Current.CancellationToken).Predictions;

        Assert.All(predictions, p => Assert.Equal(p.Probability >= 0.5 ? ">50K" : "<=50K", p.PredictedLabel));
        Assert.Contains(predictions, p => p.PredictedLabel == ">50K");
        Assert.Contains(predictions, p => p.PredictedLabel == "<=50K");
    }

    [Fact]
    public void Score_MulticlassModel_PredictedClassIsMostProbable()
    {
        var outcome = TrainedModels.IrisMulticlass;

        var predictions = outcome.Model.Predictor.Score(TestTables.Iris(), TestContext.Current.CancellationToken).Predictions;

        Assert.All(predictions, p =>
        {
            var best = p.ClassProbabilities!.Select((v, i) => (v, i)).MaxBy(x => x.v).i;
            Assert.Equal(outcome.Labels.ClassNames[best], p.PredictedLabel);
            Assert.Equal(p.ClassProbabilities![best], p.Probability);
        });
        // Rows 0-49 are setosa, the easiest class: the model must get them right (checks class order mapping).
        Assert.All(predictions.Take(50), p => Assert.Equal("Iris-setosa", p.PredictedLabel));
        Assert.All(predictions.Skip(100), p => Assert.NotEqual("Iris-setosa", p.PredictedLabel));
    }

    private static DataTable Replace(DataTable table, DataColumn column)
    {
        var columns = table.Columns.Select(c => c.Name == column.Name ? column : c).ToArray();
        return TestTables.Build(columns, table.SourceLines, table.SourcePath);
    }
}
