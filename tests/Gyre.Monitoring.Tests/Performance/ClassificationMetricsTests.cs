using Gyre.Core;
using Gyre.Monitoring.Performance;
using Gyre.Monitoring.Tests.Drift;

namespace Gyre.Monitoring.Tests.Performance;

public sealed class ClassificationMetricsTests
{
    // The 12 labeled rows below, passed to scikit-learn 1.2.1 with /usr/bin/python3 (script /tmp/gyre6/perf.py):
    //   y_true = ["yes","no","yes","yes","no","no","yes","no","no","yes","no","no"]
    //   y_pred = ["yes","no","no","yes","yes","no","yes","no","yes","no","yes","no"]
    //   score  = [0.9, 0.2, 0.4, 0.8, 0.6, 0.4, 0.7, 0.1, 0.6, 0.4, 0.3, 0.2]   (ties at 0.2, 0.4, 0.6)
    //   accuracy_score(y_true, y_pred)                    -> 0.5833333333333334
    //   precision_score(y_true, y_pred, pos_label="yes")  -> 0.5
    //   recall_score(..., pos_label="yes")                -> 0.6
    //   f1_score(..., pos_label="yes")                    -> 0.5454545454545454
    //   roc_auc_score(y_true == "yes", score)             -> 0.8571428571428571
    //   log_loss(y_true == "yes", score)                  -> 0.48079084369986314
    //   recall_score(y_true, y_pred, pos_label="no")      -> 0.5714285714285714 (specificity; /tmp/gyre6/perf2.py)
    private static readonly string[] Truth = ["yes", "no", "yes", "yes", "no", "no", "yes", "no", "no", "yes", "no", "no"];
    private static readonly string[] Predicted = ["yes", "no", "no", "yes", "yes", "no", "yes", "no", "yes", "no", "yes", "no"];
    private static readonly double[] Scores = [0.9, 0.2, 0.4, 0.8, 0.6, 0.4, 0.7, 0.1, 0.6, 0.4, 0.3, 0.2];

    private static List<ClassificationOutcome> BinaryOutcomes()
    {
        var outcomes = Truth.Select((t, i) => new ClassificationOutcome(i, Predicted[i], t, Scores[i])).ToList();

        // Three rows whose labels have not arrived: they only count in positive_rate.
        outcomes.Add(new ClassificationOutcome(20, "yes", null, 0.9));
        outcomes.Add(new ClassificationOutcome(21, "no", null, null));
        outcomes.Add(new ClassificationOutcome(22, "yes", null, 0.55));
        return outcomes;
    }

    [Fact]
    public void Compute_Binary_MatchesScikitLearn()
    {
        var metrics = ClassificationMetrics.Compute(BinaryOutcomes(), "yes");

        Tolerance.AssertClose(0.5833333333333334, metrics["accuracy"]);
        Tolerance.AssertClose(0.5, metrics["precision"]);
        Tolerance.AssertClose(0.6, metrics["recall"]);
        Tolerance.AssertClose(0.5454545454545454, metrics["f1"]);
        Tolerance.AssertClose(0.8571428571428571, metrics["roc_auc"]);
        Tolerance.AssertClose(0.48079084369986314, metrics["log_loss"]);
        Tolerance.AssertClose(0.5714285714285714, metrics["specificity"]);

        // 6 of the 12 labeled rows and 2 of the 3 unlabeled are predicted "yes".
        Tolerance.AssertClose(8.0 / 15.0, metrics["positive_rate"]);
    }

    [Fact]
    public void Compute_ManyTiesAndZeroScores_MatchesScikitLearn()
    {
        // /usr/bin/python3 (/tmp/gyre6/perf2.py), scikit-learn 1.2.1:
        //   s = [((i*37+11) % 50) / 50 for i in range(200)]; y = [1 if ((i*13+5) % 7) < 3 else 0 for i in range(200)]
        //   roc_auc_score(y, s) -> 0.5218925831202046
        //   log_loss(y, s) -> 1.0875919500617932 (one positive has score 0: clipped to float eps, as eps='auto')
        var outcomes = Enumerable.Range(0, 200)
            .Select(i => new ClassificationOutcome(
                i, "p", (((i * 13) + 5) % 7) < 3 ? "p" : "n", (((i * 37) + 11) % 50) / 50.0))
            .ToList();

        var metrics = ClassificationMetrics.Compute(outcomes, "p");

        Tolerance.AssertClose(0.5218925831202046, metrics["roc_auc"]);
        Tolerance.AssertClose(1.0875919500617932, metrics["log_loss"]);
    }

    [Fact]
    public void Compute_Multiclass_MatchesScikitLearn()
    {
        // mt = ["a","b","c","a","b","c","a","a","b","c"]; mp = ["a","b","b","a","c","c","b","a","b","d"]
        // f1_score(mt, mp, average="macro") -> 0.4571428571428572 (class "d" only predicted: F1 0)
        // f1_score(mt, mp, average="weighted") -> 0.6342857142857142; accuracy_score -> 0.6
        string[] truth = ["a", "b", "c", "a", "b", "c", "a", "a", "b", "c"];
        string[] predicted = ["a", "b", "b", "a", "c", "c", "b", "a", "b", "d"];
        var outcomes = truth.Select((t, i) => new ClassificationOutcome(i, predicted[i], t, null)).ToList();

        var metrics = ClassificationMetrics.Compute(outcomes);

        Tolerance.AssertClose(0.6, metrics["accuracy"]);
        Tolerance.AssertClose(0.4571428571428572, metrics["macro_f1"]);
        Tolerance.AssertClose(0.6342857142857142, metrics["weighted_f1"]);
        Assert.False(metrics.ContainsKey("precision"));
    }

    [Fact]
    public void Compute_SingleClassLabels_OmitsRocAucAndRecall()
    {
        var outcomes = new[]
        {
            new ClassificationOutcome(0, "no", "no", 0.2),
            new ClassificationOutcome(1, "yes", "no", 0.7),
        };

        var metrics = ClassificationMetrics.Compute(outcomes, "yes");

        Assert.False(metrics.ContainsKey("roc_auc"));
        Assert.False(metrics.ContainsKey("recall"));
        Assert.Equal(0.0, metrics["precision"]);
        Assert.All(metrics.Values, v => Assert.False(double.IsNaN(v)));
    }

    [Fact]
    public void Compute_MissingScoreOnLabeledRow_OmitsScoreMetrics()
    {
        var outcomes = new[]
        {
            new ClassificationOutcome(0, "no", "no", 0.2),
            new ClassificationOutcome(1, "yes", "yes", null),
        };

        var metrics = ClassificationMetrics.Compute(outcomes, "yes");

        Assert.False(metrics.ContainsKey("roc_auc"));
        Assert.False(metrics.ContainsKey("log_loss"));
        Assert.Equal(1.0, metrics["accuracy"]);
    }

    [Fact]
    public void Compute_NoLabels_OnlyPositiveRate()
    {
        var outcomes = new[] { new ClassificationOutcome(0, "yes", null, 0.8), new ClassificationOutcome(1, "no", null, 0.1) };

        var metrics = ClassificationMetrics.Compute(outcomes, "yes");

        Assert.Equal(["positive_rate"], metrics.Keys);
        Assert.Equal(0.5, metrics["positive_rate"]);
    }

    [Fact]
    public void Compute_ScoreOutsideUnitInterval_Throws()
    {
        var outcomes = new[] { new ClassificationOutcome(0, "yes", "yes", 1.5), new ClassificationOutcome(1, "no", "no", 0.1) };

        var error = Assert.Throws<GyreException>(() => ClassificationMetrics.Compute(outcomes, "yes"));
        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }
}
