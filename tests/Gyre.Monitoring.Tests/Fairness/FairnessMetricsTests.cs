using Gyre.Core;
using Gyre.Monitoring.Fairness;
using Gyre.Monitoring.Performance;
using Gyre.Monitoring.Tests.Drift;

namespace Gyre.Monitoring.Tests.Fairness;

// fairlearn is not installed: expected values come from per-group scikit-learn confusion matrices
// (/tmp/gyre6/fair.py, /usr/bin/python3, scikit-learn 1.2.1), with fairlearn's definitions:
//   for g in groups: r = rows of g; sel = mean(pred == "y") over all rows of g
//       lab = labeled rows of g; tn, fp, fn, tp = confusion_matrix(actual == "y", pred == "y", labels=[False, True]).ravel()
//       tpr = tp/(tp+fn); fpr = fp/(fp+tn); acc = (tp+tn)/len(lab)
//   dpd = max(sel) - min(sel); dpr = min(sel)/max(sel); eod = max(tpr) - min(tpr); eodds = max(eod, max(fpr) - min(fpr))
public sealed class FairnessMetricsTests
{
    private static (List<ClassificationOutcome> Outcomes, List<string?> Groups) Rows(params (string? Group, string Predicted, string? Actual)[] rows) =>
        ([.. rows.Select((r, i) => new ClassificationOutcome(i, r.Predicted, r.Actual, null))], [.. rows.Select(r => r.Group)]);

    [Fact]
    public void Compute_ThreeGroups_MatchesConfusionMatrices()
    {
        // F: 6 rows sel 0.5 tpr 0.5 fpr 0.3333333333333333 acc 0.6
        // M: 7 rows sel 0.7142857142857143 tpr 1.0 fpr 0.5 acc 0.8
        // X: 3 rows sel 0.3333333333333333 tpr 0.0 fpr 0.5 acc 0.3333333333333333
        // dpd 0.380952380952381, dpr 0.4666666666666666, eod 1.0, eodds 1.0
        var (outcomes, groups) = Rows(
            ("F", "y", "y"), ("F", "n", "y"), ("F", "y", "n"), ("F", "n", "n"), ("F", "n", "n"), ("F", "y", null),
            ("M", "y", "y"), ("M", "y", "y"), ("M", "y", "n"), ("M", "n", "n"), ("M", "y", "y"), ("M", "n", null), ("M", "y", null),
            ("X", "n", "y"), ("X", "y", "n"), ("X", "n", "n"),
            (null, "y", "y"));

        var result = FairnessMetrics.Compute(outcomes, groups, "sex", "y");

        Assert.Equal("sex", result.Attribute);
        Assert.Equal(["F", "M", "X"], result.Groups.Select(g => g.Group));
        Assert.Equal([6, 7, 3], result.Groups.Select(g => g.Count));
        Tolerance.AssertClose(0.7142857142857143, result.Groups[1].SelectionRate);
        Tolerance.AssertClose(0.3333333333333333, result.Groups[0].FalsePositiveRate!.Value);
        Assert.Equal(0.0, result.Groups[2].TruePositiveRate);
        Tolerance.AssertClose(0.6, result.Groups[0].Accuracy!.Value);
        Tolerance.AssertClose(0.380952380952381, result.DemographicParityDifference);
        Tolerance.AssertClose(0.4666666666666666, result.DemographicParityRatio);
        Tolerance.AssertClose(1.0, result.EqualOpportunityDifference!.Value);
        Tolerance.AssertClose(1.0, result.EqualizedOddsDifference!.Value);
    }

    [Fact]
    public void Compute_FalsePositiveGapDominates_EqualizedOddsUsesFpr()
    {
        // dpd 0.08333333333333337, dpr 0.8888888888888888, eod 0.0, eodds 0.3333333333333333
        var (outcomes, groups) = Rows(
            ("F", "y", "y"), ("F", "y", "y"), ("F", "y", "n"), ("F", "n", "n"), ("F", "n", "n"), ("F", "y", null),
            ("M", "y", "y"), ("M", "y", "y"), ("M", "y", "n"), ("M", "n", "n"), ("M", "y", "y"), ("M", "n", null), ("M", "y", null),
            ("X", "y", "y"), ("X", "y", "n"), ("X", "y", "n"), ("X", "n", "n"),
            (null, "y", "y"));

        var result = FairnessMetrics.Compute(outcomes, groups, "sex", "y");

        Tolerance.AssertClose(0.08333333333333337, result.DemographicParityDifference);
        Tolerance.AssertClose(0.8888888888888888, result.DemographicParityRatio);
        Assert.Equal(0.0, result.EqualOpportunityDifference);
        Tolerance.AssertClose(0.3333333333333333, result.EqualizedOddsDifference!.Value);
    }

    [Fact]
    public void Compute_NoLabels_LabelFiguresNull()
    {
        var (outcomes, groups) = Rows(("a", "y", null), ("a", "n", null), ("b", "n", null));

        var result = FairnessMetrics.Compute(outcomes, groups, "race", "y");

        Assert.Null(result.EqualOpportunityDifference);
        Assert.Null(result.EqualizedOddsDifference);
        Assert.All(result.Groups, g => Assert.Null(g.Accuracy));
        Assert.Equal(0.5, result.DemographicParityDifference);
        Assert.Equal(0.0, result.DemographicParityRatio);
    }

    [Fact]
    public void Compute_NobodySelected_RatioIsOne()
    {
        var (outcomes, groups) = Rows(("a", "n", "n"), ("b", "n", "y"));

        var result = FairnessMetrics.Compute(outcomes, groups, "race", "y");

        Assert.Equal(1.0, result.DemographicParityRatio);
        Assert.Equal(0.0, result.DemographicParityDifference);
    }

    [Fact]
    public void Compute_OneGroup_ThrowsNamingAttribute()
    {
        var (outcomes, groups) = Rows(("a", "y", "y"), (null, "n", "n"));

        var error = Assert.Throws<GyreException>(() => FairnessMetrics.Compute(outcomes, groups, "sex", "y"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("'sex'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_LengthMismatch_ThrowsNamingAttribute()
    {
        var (outcomes, _) = Rows(("a", "y", "y"), ("b", "n", "n"));

        var error = Assert.Throws<GyreException>(() => FairnessMetrics.Compute(outcomes, ["a"], "sex", "y"));

        Assert.Contains("'sex'", error.Message, StringComparison.Ordinal);
    }
}
