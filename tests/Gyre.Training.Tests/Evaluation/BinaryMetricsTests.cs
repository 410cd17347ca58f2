using Gyre.Training.Evaluation;

namespace Gyre.Training.Tests.Evaluation;

// Known answers: produced by known_answers.py in this folder, run with Debian's /usr/bin/python3
// (scikit-learn 1.2.1, numpy 1.24.2): accuracy_score, precision/recall/f1_score(zero_division=0),
// roc_auc_score, average_precision_score, log_loss(labels=[0, 1]) and confusion_matrix(labels=[0, 1]),
// with predictions (p >= threshold). Values are the script's repr output.
public sealed class BinaryMetricsTests
{
    private static readonly bool[] TiedLabels = [true, false, true, true, false, false, true, false, true, false];
    private static readonly double[] TiedScores = [0.9, 0.9, 0.7, 0.5, 0.5, 0.5, 0.2, 0.1, 0.7, 0.3];

    [Fact]
    public void Compute_TiedScores_MatchesScikitLearn()
    {
        var metrics = BinaryMetrics.Compute(TiedLabels, TiedScores);

        AssertMetrics(metrics, 0.6, 0.5714285714285714, 0.8, 0.6666666666666666, 0.66, 0.6253968253968254, 0.7272210410239832);
        AssertCounts(metrics, [[2, 3], [1, 4]]);
    }

    [Fact]
    public void Compute_LowerThreshold_ChangesOnlyThresholdedMetrics()
    {
        var metrics = BinaryMetrics.Compute(TiedLabels, TiedScores, threshold: 0.3);

        AssertMetrics(metrics, 0.5, 0.5, 0.8, 0.6153846153846154, 0.66, 0.6253968253968254, 0.7272210410239832);
        AssertCounts(metrics, [[1, 4], [1, 4]]);
    }

    [Fact]
    public void Compute_ProbabilityEqualToThreshold_PredictsPositive()
    {
        var metrics = BinaryMetrics.Compute([true, false], [0.5, 0.4999999999999999]);

        Assert.Equal(1.0, metrics.Accuracy);
        AssertCounts(metrics, [[1, 0], [0, 1]]);
    }

    [Fact]
    public void Compute_AllScoresTied_RocAucIsHalfAndPrAucIsPrevalence()
    {
        var metrics = BinaryMetrics.Compute([true, false, false, true, false, false, false], [0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4]);

        AssertMetrics(metrics, 0.7142857142857143, 0.0, 0.0, 0.0, 0.5, 0.2857142857142857, 0.6266727975111804);
        AssertCounts(metrics, [[5, 0], [2, 0]]);
    }

    [Fact]
    public void Compute_PerfectSeparationWithExactZeroAndOne_LogLossIsClippedNotZero()
    {
        var metrics = BinaryMetrics.Compute([false, false, true, true, true], [0.0, 0.0, 1.0, 1.0, 1.0]);

        AssertMetrics(metrics, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.2204460492503136e-16);
        AssertCounts(metrics, [[2, 0], [0, 3]]);
    }

    [Fact]
    public void Compute_ConfidentlyWrongWithExactZeroAndOne_LogLossIsFinite()
    {
        var metrics = BinaryMetrics.Compute([true, false, true, false], [0.0, 1.0, 1.0, 0.0]);

        AssertMetrics(metrics, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 18.021826694558577);
    }

    [Fact]
    public void Compute_NothingPredictedPositive_PrecisionIsZero()
    {
        var metrics = BinaryMetrics.Compute([true, false, true, false, false], [0.1, 0.2, 0.3, 0.05, 0.45]);

        AssertMetrics(metrics, 0.6, 0.0, 0.0, 0.0, 0.5, 0.5, 0.8757663487554724);
        AssertCounts(metrics, [[3, 0], [2, 0]]);
    }

    [Fact]
    public void Compute_OnlyNegativeLabels_RocAucIsNaNAndPrAucIsZero()
    {
        var metrics = BinaryMetrics.Compute([false, false, false, false], [0.1, 0.6, 0.3, 0.6]);

        // scikit-learn's roc_auc_score raises here; Gyre reports NaN. average_precision_score gives -0.0.
        AssertMetrics(metrics, 0.5, 0.0, 0.0, 0.0, double.NaN, 0.0, 0.5736542308362171);
        AssertCounts(metrics, [[2, 2], [0, 0]]);
    }

    [Fact]
    public void Compute_OnlyPositiveLabels_RocAucIsNaNAndPrAucIsOne()
    {
        var metrics = BinaryMetrics.Compute([true, true, true], [0.2, 0.9, 0.9]);

        AssertMetrics(metrics, 0.6666666666666666, 1.0, 0.6666666666666666, 0.8, double.NaN, 1.0, 0.6067196479165843);
        AssertCounts(metrics, [[0, 0], [1, 2]]);
    }

    [Fact]
    public void Compute_Imbalanced200Rows_MatchesScikitLearn()
    {
        // numpy default_rng(20240601): 12% positives, scores rounded to 2 decimals (many ties).
        bool[] labels =
        [
        false, false, false, false, false, false, false, false, false, false, false, false, false,
        false, false, false, true, false, false, true, false, false, true, false, false, true, false,
        false, true, false, false, false, false, false, true, false, false, false, false, false,
        false, false, false, false, false, false, false, true, false, false, false, false, false,
        true, false, false, false, false, false, false, false, false, false, false, false, false,
        false, false, false, false, false, false, false, false, false, false, false, false, false,
        false, true, false, false, false, false, false, false, true, false, false, false, false,
        false, false, false, false, false, false, false, false, false, false, false, false, false,
        false, false, false, false, false, false, true, false, false, false, false, true, false,
        false, true, false, false, true, false, false, true, false, false, false, false, false, false,
        false, false, false, false, false, false, false, false, false, false, false, true, false,
        false, false, false, false, false, true, false, false, false, false, false, false, false,
        false, false, false, false, false, false, true, false, false, true, false, false, false,
        false, true, false, false, false, false, false, false, true, false, false, false, false,
        false, false, true, false, false, false, false, false, false, false, false, false, false,
        false, false, false
        ];
        double[] probabilities =
        [
        0.13, 0.39, 0.18, 0.07, 0.23, 0.08, 0.13, 0.44, 0.04, 0.23, 0.49, 0.23, 0.34, 0.03, 0.11,
        0.09, 0.21, 0.15, 0.15, 0.61, 0.09, 0.18, 0.31, 0.25, 0.29, 0.43, 0.1, 0.03, 0.57, 0.06, 0.36,
        0.21, 0.04, 0.26, 0.35, 0.26, 0.33, 0.23, 0.26, 0.24, 0.1, 0.1, 0.17, 0.18, 0.42, 0.07, 0.07,
        0.62, 0.16, 0.33, 0.2, 0.1, 0.05, 0.25, 0.39, 0.09, 0.29, 0.34, 0.13, 0.53, 0.12, 0.06, 0.21,
        0.18, 0.28, 0.04, 0.13, 0.03, 0.28, 0.12, 0.63, 0.18, 0.24, 0.38, 0.6, 0.1, 0.35, 0.41, 0.26,
        0.14, 0.29, 0.42, 0.14, 0.07, 0.06, 0.4, 0.06, 0.38, 0.1, 0.18, 0.1, 0.26, 0.28, 0.37, 0.31,
        0.04, 0.55, 0.07, 0.02, 0.1, 0.4, 0.3, 0.09, 0.34, 0.14, 0.04, 0.12, 0.15, 0.44, 0.32, 0.29,
        0.47, 0.03, 0.04, 0.53, 0.36, 0.58, 0.57, 0.06, 0.33, 0.19, 0.17, 0.51, 0.25, 0.1, 0.7, 0.08,
        0.42, 0.05, 0.13, 0.15, 0.07, 0.18, 0.11, 0.55, 0.16, 0.33, 0.16, 0.26, 0.14, 0.16, 0.33,
        0.16, 0.32, 0.31, 0.23, 0.17, 0.05, 0.32, 0.11, 0.25, 0.25, 0.34, 0.25, 0.18, 0.34, 0.19,
        0.33, 0.22, 0.25, 0.35, 0.31, 0.13, 0.17, 0.16, 0.27, 0.09, 0.36, 0.11, 0.02, 0.14, 0.32,
        0.59, 0.46, 0.17, 0.11, 0.45, 0.14, 0.07, 0.47, 0.09, 0.26, 0.12, 0.06, 0.19, 0.12, 0.71,
        0.38, 0.12, 0.26, 0.1, 0.32, 0.28, 0.24, 0.27, 0.08, 0.14, 0.05, 0.05, 0.22
        ];

        var metrics = BinaryMetrics.Compute(labels, probabilities);

        AssertMetrics(
            metrics, 0.895, 0.5333333333333333, 0.36363636363636365, 0.43243243243243246,
            0.8512512768130746, 0.49285053983106186, 0.3250365015743202);
        AssertCounts(metrics, [[171, 7], [14, 8]]);
    }

    [Fact]
    public void Compute_ShuffledRows_SameRankingMetrics()
    {
        var reversedLabels = TiedLabels.Reverse().ToArray();
        var reversedScores = TiedScores.Reverse().ToArray();

        var original = BinaryMetrics.Compute(TiedLabels, TiedScores);
        var reversed = BinaryMetrics.Compute(reversedLabels, reversedScores);

        Assert.Equal(original.RocAuc, reversed.RocAuc);
        Assert.Equal(original.PrAuc, reversed.PrAuc, 15);
    }

    [Fact]
    public void Compute_RandomScores_RocAucEqualsPairwiseConcordance()
    {
        var random = new Random(12345);
        var labels = new bool[500];
        var scores = new double[500];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = random.NextDouble() < 0.3;
            scores[i] = Math.Round(random.NextDouble() + (labels[i] ? 0.2 : 0.0), 2) / 1.2;
        }

        // Probability that a random positive outranks a random negative, ties counting one half.
        double concordant = 0, pairs = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            for (var j = 0; j < labels.Length; j++)
            {
                if (labels[i] && !labels[j])
                {
                    pairs++;
                    concordant += scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0.0;
                }
            }
        }

        KnownAnswer.Equal(concordant / pairs, BinaryMetrics.Compute(labels, scores).RocAuc, "roc_auc");
    }

    [Fact]
    public void ToDictionary_AnyMetrics_HasDocumentedKeysInOrder()
    {
        var metrics = BinaryMetrics.Compute(TiedLabels, TiedScores);

        var dictionary = metrics.ToDictionary();

        Assert.Equal(["accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc", "log_loss"], dictionary.Keys);
        Assert.Equal(
            [metrics.Accuracy, metrics.Precision, metrics.Recall, metrics.F1, metrics.RocAuc, metrics.PrAuc, metrics.LogLoss],
            dictionary.Values);
    }

    [Fact]
    public void Compute_ConfusionMatrix_NamesNegativeThenPositive()
    {
        var metrics = BinaryMetrics.Compute(TiedLabels, TiedScores);

        Assert.Equal([BinaryMetrics.NegativeClass, BinaryMetrics.PositiveClass], metrics.ConfusionMatrix.Classes);
    }

    [Fact]
    public void Compute_LengthMismatch_ThrowsNamingProbabilities()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryMetrics.Compute([true, false], [0.5]));

        Assert.Equal("probabilities", error.ParamName);
    }

    [Fact]
    public void Compute_Empty_ThrowsNamingLabels()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryMetrics.Compute([], []));

        Assert.Equal("labels", error.ParamName);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.01)]
    [InlineData(1.0000001)]
    [InlineData(double.PositiveInfinity)]
    public void Compute_ProbabilityNotInUnitInterval_ThrowsNamingProbabilities(double probability)
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryMetrics.Compute([true, false], [0.5, probability]));

        Assert.Equal("probabilities", error.ParamName);
        Assert.Contains("probabilities[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_NaNThreshold_ThrowsNamingThreshold()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryMetrics.Compute([true, false], [0.5, 0.2], double.NaN));

        Assert.Equal("threshold", error.ParamName);
    }

    private static void AssertMetrics(
        BinaryMetrics metrics, double accuracy, double precision, double recall, double f1, double rocAuc, double prAuc, double logLoss)
    {
        KnownAnswer.Equal(accuracy, metrics.Accuracy, "accuracy");
        KnownAnswer.Equal(precision, metrics.Precision, "precision");
        KnownAnswer.Equal(recall, metrics.Recall, "recall");
        KnownAnswer.Equal(f1, metrics.F1, "f1");
        KnownAnswer.Equal(rocAuc, metrics.RocAuc, "roc_auc");
        KnownAnswer.Equal(prAuc, metrics.PrAuc, "pr_auc");
        KnownAnswer.Equal(logLoss, metrics.LogLoss, "log_loss");
    }

    private static void AssertCounts(BinaryMetrics metrics, long[][] expected) =>
        Assert.Equal(expected, metrics.ConfusionMatrix.Counts);
}
