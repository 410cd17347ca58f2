using Gyre.Training.Evaluation;

namespace Gyre.Training.Tests.Evaluation;

// Known answers: produced by known_answers.py in this folder, run with Debian's /usr/bin/python3
// (scikit-learn 1.2.1, numpy 1.24.2): accuracy_score, balanced_accuracy_score, log_loss(labels=range(K)),
// f1_score(labels=range(K), average='macro' and None, zero_division=0) and confusion_matrix(labels=range(K)),
// with predictions np.argmax(p, axis=1). Values are the script's repr output.
public sealed class MulticlassMetricsTests
{
    private static readonly string[] ThreeClasses = ["cat", "dog", "bird"];

    [Fact]
    public void Compute_HandMadeWithArgmaxTie_MatchesScikitLearn()
    {
        int[] labels = [0, 1, 2, 2, 1, 0, 2];
        double[][] probabilities =
        [
            [0.7, 0.2, 0.1],
            [0.1, 0.8, 0.1],
            [0.2, 0.5, 0.3],
            [0.4, 0.2, 0.4], // tie between classes 0 and 2: class 0 is predicted
            [0.3, 0.3, 0.4],
            [0.0, 0.0, 1.0], // exact 0 on the true class: clipped, not infinite
            [0.1, 0.1, 0.8],
        ];

        var metrics = MulticlassMetrics.Compute(labels, probabilities, ThreeClasses);

        AssertMetrics(metrics, 0.42857142857142855, 0.4444444444444444, 5.738693110887191, 0.4444444444444444, [0.5, 0.5, 0.3333333333333333]);
        Assert.Equal([[1L, 0L, 1L], [0L, 1L, 1L], [1L, 1L, 1L]], metrics.ConfusionMatrix.Counts);
    }

    [Fact]
    public void Compute_RowsNotSummingToOne_RenormalizesLikeScikitLearn()
    {
        int[] labels = [0, 1, 2, 0];
        double[][] probabilities =
        [
            [1.0, 0.0, 0.0],
            [0.2, 0.2, 0.2],
            [0.5, 0.5, 0.0],
            [0.9, 0.3, 0.0],
        ];

        var metrics = MulticlassMetrics.Compute(labels, probabilities, ThreeClasses);

        AssertMetrics(metrics, 0.5, 0.3333333333333333, 9.35748693755926, 0.2222222222222222, [0.6666666666666666, 0.0, 0.0]);
        Assert.Equal([[2L, 0L, 0L], [1L, 0L, 0L], [1L, 0L, 0L]], metrics.ConfusionMatrix.Counts);
    }

    [Fact]
    public void Compute_FourClassesOneNeverTrue_MacroAccuracySkipsAbsentClassButMacroF1CountsIt()
    {
        // numpy default_rng(7): 60 rows, class 3 never a true label but predicted 9 times.
        int[] labels =
        [
        1, 2, 1, 0, 0, 2, 0, 2, 1, 0, 0, 0, 0, 0, 1, 1, 2, 1, 1, 2, 0, 0, 1, 0, 0, 1, 0, 2, 1, 1, 0,
        0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 2, 1, 2, 1, 1, 0, 1, 1, 2, 0, 1, 0, 0, 0, 0, 2, 0, 2, 1
        ];
        double[][] probabilities =
        [
            [0.102, 0.545, 0.126, 0.227],
            [0.052, 0.064, 0.465, 0.419],
            [0.516, 0.097, 0.074, 0.313],
            [0.085, 0.08, 0.171, 0.664],
            [0.772, 0.056, 0.081, 0.091],
            [0.516, 0.049, 0.275, 0.16],
            [0.612, 0.114, 0.068, 0.206],
            [0.063, 0.212, 0.629, 0.096],
            [0.264, 0.214, 0.387, 0.135],
            [0.769, 0.024, 0.183, 0.024],
            [0.173, 0.197, 0.162, 0.469],
            [0.938, 0.009, 0.016, 0.037],
            [0.616, 0.064, 0.092, 0.229],
            [0.718, 0.031, 0.119, 0.133],
            [0.055, 0.458, 0.067, 0.419],
            [0.238, 0.478, 0.109, 0.175],
            [0.026, 0.041, 0.91, 0.023],
            [0.442, 0.074, 0.404, 0.081],
            [0.259, 0.301, 0.026, 0.414],
            [0.514, 0.076, 0.307, 0.104],
            [0.261, 0.419, 0.121, 0.198],
            [0.266, 0.063, 0.049, 0.622],
            [0.104, 0.712, 0.123, 0.061],
            [0.535, 0.086, 0.225, 0.154],
            [0.296, 0.02, 0.054, 0.63],
            [0.075, 0.115, 0.207, 0.603],
            [0.383, 0.269, 0.263, 0.085],
            [0.308, 0.097, 0.526, 0.07],
            [0.387, 0.319, 0.213, 0.081],
            [0.028, 0.791, 0.056, 0.125],
            [0.524, 0.07, 0.098, 0.307],
            [0.336, 0.079, 0.14, 0.444],
            [0.784, 0.118, 0.068, 0.03],
            [0.664, 0.136, 0.067, 0.133],
            [0.209, 0.489, 0.241, 0.061],
            [0.782, 0.01, 0.123, 0.085],
            [0.466, 0.257, 0.258, 0.019],
            [0.176, 0.436, 0.104, 0.284],
            [0.559, 0.031, 0.097, 0.313],
            [0.636, 0.096, 0.19, 0.078],
            [0.391, 0.303, 0.202, 0.103],
            [0.217, 0.082, 0.652, 0.049],
            [0.175, 0.276, 0.139, 0.41],
            [0.033, 0.07, 0.342, 0.555],
            [0.033, 0.716, 0.121, 0.13],
            [0.05, 0.301, 0.451, 0.197],
            [0.436, 0.061, 0.384, 0.119],
            [0.079, 0.794, 0.1, 0.028],
            [0.057, 0.813, 0.101, 0.03],
            [0.053, 0.28, 0.525, 0.142],
            [0.403, 0.089, 0.286, 0.222],
            [0.296, 0.187, 0.397, 0.12],
            [0.828, 0.016, 0.073, 0.083],
            [0.092, 0.392, 0.45, 0.066],
            [0.755, 0.103, 0.008, 0.135],
            [0.63, 0.147, 0.069, 0.154],
            [0.097, 0.254, 0.535, 0.115],
            [0.926, 0.023, 0.041, 0.01],
            [0.286, 0.105, 0.494, 0.116],
            [0.204, 0.505, 0.142, 0.149],
        ];

        var metrics = MulticlassMetrics.Compute(labels, probabilities, ["a", "b", "c", "d"]);

        AssertMetrics(
            metrics, 0.65, 0.6390401290582779, 0.8919172275241757, 0.5154569892473118,
            [0.75, 0.6451612903225806, 0.6666666666666666, 0.0]);
        Assert.Equal(
            [[21L, 2L, 1L, 5L], [3L, 10L, 3L, 3L], [3L, 0L, 8L, 1L], [0L, 0L, 0L, 0L]],
            metrics.ConfusionMatrix.Counts);
    }

    [Fact]
    public void ToDictionary_AnyMetrics_HasFixedKeysThenOneF1PerClassName()
    {
        var metrics = MulticlassMetrics.Compute([0, 1, 2], [[0.8, 0.1, 0.1], [0.3, 0.6, 0.1], [0.5, 0.2, 0.3]], ThreeClasses);

        var dictionary = metrics.ToDictionary();

        Assert.Equal(["micro_accuracy", "macro_accuracy", "log_loss", "macro_f1", "f1_cat", "f1_dog", "f1_bird"], dictionary.Keys);
        Assert.Equal(metrics.MacroAccuracy, dictionary["macro_accuracy"]);
        Assert.Equal(metrics.PerClassF1[2], dictionary["f1_bird"]);
        Assert.Equal(ThreeClasses, metrics.ConfusionMatrix.Classes);
    }

    [Fact]
    public void Compute_LabelOutOfRange_ThrowsNamingLabels()
    {
        var error = Assert.Throws<ArgumentException>(
            () => MulticlassMetrics.Compute([0, 3], [[0.5, 0.3, 0.2], [0.5, 0.3, 0.2]], ThreeClasses));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("labels[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_NegativeLabel_ThrowsNamingLabels()
    {
        var error = Assert.Throws<ArgumentException>(
            () => MulticlassMetrics.Compute([-1], [[0.5, 0.3, 0.2]], ThreeClasses));

        Assert.Equal("labels", error.ParamName);
    }

    [Fact]
    public void Compute_RowOfWrongWidth_ThrowsNamingProbabilities()
    {
        var error = Assert.Throws<ArgumentException>(
            () => MulticlassMetrics.Compute([0, 1], [[0.5, 0.3, 0.2], [0.5, 0.5]], ThreeClasses));

        Assert.Equal("probabilities", error.ParamName);
        Assert.Contains("probabilities[1]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Compute_ProbabilityNotInUnitInterval_ThrowsNamingProbabilities(double probability)
    {
        var error = Assert.Throws<ArgumentException>(
            () => MulticlassMetrics.Compute([0], [[0.5, probability, 0.2]], ThreeClasses));

        Assert.Equal("probabilities", error.ParamName);
        Assert.Contains("probabilities[0][1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_LengthMismatch_ThrowsNamingProbabilities()
    {
        var error = Assert.Throws<ArgumentException>(
            () => MulticlassMetrics.Compute([0, 1], [[0.5, 0.3, 0.2]], ThreeClasses));

        Assert.Equal("probabilities", error.ParamName);
    }

    [Fact]
    public void Compute_Empty_ThrowsNamingLabels()
    {
        var error = Assert.Throws<ArgumentException>(() => MulticlassMetrics.Compute([], [], ThreeClasses));

        Assert.Equal("labels", error.ParamName);
    }

    [Theory]
    [InlineData("only")]
    [InlineData("cat", "cat")]
    [InlineData("cat", "")]
    public void Compute_InvalidClassNames_ThrowsNamingClassNames(params string[] classNames)
    {
        var row = new double[classNames.Length];
        Array.Fill(row, 1.0 / classNames.Length);

        var error = Assert.Throws<ArgumentException>(() => MulticlassMetrics.Compute([0], [row], classNames));

        Assert.Equal("classNames", error.ParamName);
    }

    private static void AssertMetrics(
        MulticlassMetrics metrics, double microAccuracy, double macroAccuracy, double logLoss, double macroF1, double[] perClassF1)
    {
        KnownAnswer.Equal(microAccuracy, metrics.MicroAccuracy, "micro_accuracy");
        KnownAnswer.Equal(macroAccuracy, metrics.MacroAccuracy, "macro_accuracy");
        KnownAnswer.Equal(logLoss, metrics.LogLoss, "log_loss");
        KnownAnswer.Equal(macroF1, metrics.MacroF1, "macro_f1");
        Assert.Equal(perClassF1.Length, metrics.PerClassF1.Count);
        for (var c = 0; c < perClassF1.Length; c++)
        {
            KnownAnswer.Equal(perClassF1[c], metrics.PerClassF1[c], $"f1 of class {c}");
        }
    }
}
