using Gyre.Core;
using Gyre.Monitoring.Performance;
using Gyre.Monitoring.Tests.Concept;
using Gyre.Monitoring.Tests.Drift;

namespace Gyre.Monitoring.Tests.Performance;

public sealed class CbpeTests
{
    private static readonly double[] ReferenceScores = [0.1, 0.2, 0.2, 0.3, 0.5, 0.5, 0.6, 0.7, 0.8, 0.9];
    private static readonly bool[] ReferenceLabels = [false, true, false, false, true, false, true, false, true, true];

    [Fact]
    public void Estimate_SmallSample_MatchesNannyMlFormulas()
    {
        // /usr/bin/python3 (/tmp/gyre6/cbpe.py), scikit-learn 1.2.1:
        //   iso = IsotonicRegression(out_of_bounds='clip').fit(ReferenceScores, ReferenceLabels)
        //   s = [0.05,0.2,0.35,0.5,0.55,0.7,0.7,0.95]; p = iso.predict(s); yhat = s >= 0.5
        //   tp = p[yhat].sum(); fp = (1-p[yhat]).sum(); fn = p[~yhat].sum(); tn = (1-p[~yhat]).sum()
        //   accuracy (tp+tn)/n -> 0.6614583333333334; precision -> 0.6; recall -> 0.8089887640449439
        //   f1 tp/(tp+0.5(fp+fn)) -> 0.6889952153110048; specificity tn/(tn+fp) -> 0.5339805825242718
        //   roc_auc_score(r_[ones(n), zeros(n)], r_[s, s], sample_weight=r_[p, 1-p]) -> 0.7578815315806698
        var cbpe = Cbpe.Fit(ReferenceScores, ReferenceLabels);

        var estimate = cbpe.Estimate([0.05, 0.2, 0.35, 0.5, 0.55, 0.7, 0.7, 0.95]);

        Tolerance.AssertClose(0.6614583333333334, estimate["accuracy"]);
        Tolerance.AssertClose(0.6, estimate["precision"]);
        Tolerance.AssertClose(0.8089887640449439, estimate["recall"]);
        Tolerance.AssertClose(0.6889952153110048, estimate["f1"]);
        Tolerance.AssertClose(0.5339805825242718, estimate["specificity"]);
        Tolerance.AssertClose(0.7578815315806698, estimate["roc_auc"]);
    }

    // Synthetic calibrated data: score = u, label = (v < score) with independent seeded uniforms, so P(y | s) = s.
    private static (double[] Scores, bool[] Labels) Calibrated(ulong seed, int count, Func<double, double> shape)
    {
        var scores = new double[count];
        var labels = new bool[count];
        for (var i = 0; i < count; i++)
        {
            scores[i] = shape(SeededStream.Uniform(seed, i));
            labels[i] = SeededStream.Uniform(seed + 1000, i) < scores[i];
        }

        return (scores, labels);
    }

    private static IReadOnlyDictionary<string, double> Realized(double[] scores, bool[] labels) =>
        ClassificationMetrics.Compute(
            [.. scores.Select((s, i) => new ClassificationOutcome(i, s >= 0.5 ? "1" : "0", labels[i] ? "1" : "0", s))], "1");

    // Tolerance: 0.02 absolute on 20 000 analysis rows (the sampling standard error of accuracy is ~0.003, so
    // 0.02 leaves room for the calibrator's error from 5 000 reference rows while still catching a wrong formula).
    [Theory]
    [InlineData("accuracy")]
    [InlineData("precision")]
    [InlineData("recall")]
    [InlineData("f1")]
    [InlineData("roc_auc")]
    public void Estimate_CalibratedData_CloseToRealized(string metric)
    {
        var (referenceScores, referenceLabels) = Calibrated(1, 5000, u => u);
        var (scores, labels) = Calibrated(2, 20_000, u => u);
        var cbpe = Cbpe.Fit(referenceScores, referenceLabels);

        var estimate = cbpe.Estimate(scores);

        Assert.InRange(estimate[metric], Realized(scores, labels)[metric] - 0.02, Realized(scores, labels)[metric] + 0.02);
    }

    [Theory]
    [InlineData("accuracy")]
    [InlineData("precision")]
    [InlineData("recall")]
    [InlineData("f1")]
    [InlineData("roc_auc")]
    public void Estimate_CovariateShift_FollowsRealizedMetric(string metric)
    {
        // Reference scores uniform on [0, 1]; the shifted population crowds scores into [0.3, 0.7] where the
        // model is least sure, so accuracy falls from ~0.75 to ~0.55. The estimate must move with it.
        var (referenceScores, referenceLabels) = Calibrated(1, 5000, u => u);
        var (shiftedScores, shiftedLabels) = Calibrated(3, 20_000, u => 0.3 + (0.4 * u));
        var cbpe = Cbpe.Fit(referenceScores, referenceLabels);

        var before = cbpe.Estimate(referenceScores)[metric];
        var after = cbpe.Estimate(shiftedScores)[metric];
        var realizedBefore = Realized(referenceScores, referenceLabels)[metric];
        var realizedAfter = Realized(shiftedScores, shiftedLabels)[metric];

        Assert.True(Math.Abs(realizedAfter - realizedBefore) > 0.05, $"the scenario must shift {metric}");
        Assert.Equal(Math.Sign(realizedAfter - realizedBefore), Math.Sign(after - before));
        Assert.InRange(after, realizedAfter - 0.03, realizedAfter + 0.03);
    }

    [Fact]
    public void Estimate_Empty_ReturnsEmpty() =>
        Assert.Empty(Cbpe.Fit(ReferenceScores, ReferenceLabels).Estimate([]));

    [Fact]
    public void Fit_LengthMismatch_Throws()
    {
        var error = Assert.Throws<GyreException>(() => Cbpe.Fit([0.1, 0.2], [true]));
        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public void Estimate_ScoreOutsideUnitInterval_Throws() =>
        Assert.Throws<GyreException>(() => Cbpe.Fit(ReferenceScores, ReferenceLabels).Estimate([1.2]));

    [Fact]
    public void FromCalibration_SavedKnotsOfAFit_SameEstimates()
    {
        var fitted = Cbpe.Fit(ReferenceScores, ReferenceLabels, threshold: 0.6);
        double[] scores = [0.05, 0.15, 0.2, 0.35, 0.5, 0.55, 0.6, 0.75, 0.95, 1.0];

        var restored = Cbpe.FromCalibration([.. fitted.Calibrator.Thresholds], [.. fitted.Calibrator.Values], fitted.Threshold);

        Assert.Equal(fitted.Estimate(scores), restored.Estimate(scores));
        Assert.Equal(0.6, restored.Threshold);
    }

    [Fact]
    public void FromCalibration_MismatchedOrOutOfRange_InvalidInput()
    {
        Assert.Throws<Gyre.Core.GyreException>(() => Cbpe.FromCalibration([0.1, 0.5], [0.2], 0.5));
        Assert.Throws<Gyre.Core.GyreException>(() => Cbpe.FromCalibration([0.1, 1.5], [0.2, 0.3], 0.5));
        Assert.Throws<Gyre.Core.GyreException>(() => Cbpe.FromCalibration([0.1], [0.2], 0));
    }
}
