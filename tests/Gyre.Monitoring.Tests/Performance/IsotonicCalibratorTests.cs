using Gyre.Core;
using Gyre.Monitoring.Performance;
using Gyre.Monitoring.Tests.Drift;

namespace Gyre.Monitoring.Tests.Performance;

public sealed class IsotonicCalibratorTests
{
    // scikit-learn 1.2.1, /usr/bin/python3 (/tmp/gyre6/cbpe.py):
    //   x = [0.1,0.2,0.2,0.3,0.5,0.5,0.6,0.7,0.8,0.9]; y = [0,1,0,0,1,0,1,0,1,1]
    //   IsotonicRegression(out_of_bounds='clip').fit(x, y).predict([0, 0.15, 0.2, 0.25, 0.55, 0.65, 0.85, 1.0])
    //   -> [0.0, 0.1666666666666666, 0.3333333333333333, 0.3333333333333333, 0.5, 0.5, 1.0, 1.0]
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.15, 0.1666666666666666)]
    [InlineData(0.2, 0.3333333333333333)]
    [InlineData(0.25, 0.3333333333333333)]
    [InlineData(0.55, 0.5)]
    [InlineData(0.65, 0.5)]
    [InlineData(0.85, 1.0)]
    [InlineData(1.0, 1.0)]
    public void Predict_SmallSample_MatchesScikitLearn(double input, double expected)
    {
        var calibrator = IsotonicCalibrator.Fit([0.1, 0.2, 0.2, 0.3, 0.5, 0.5, 0.6, 0.7, 0.8, 0.9], [0, 1, 0, 0, 1, 0, 1, 0, 1, 1]);

        Tolerance.AssertClose(expected, calibrator.Predict(input));
    }

    [Fact]
    public void Fit_AnyInput_ValuesAreNonDecreasing()
    {
        var inputs = Enumerable.Range(0, 500).Select(i => Concept.SeededStream.Uniform(11, i)).ToArray();
        var targets = inputs.Select((x, i) => Concept.SeededStream.Uniform(12, i) < x ? 1.0 : 0.0).ToArray();

        var calibrator = IsotonicCalibrator.Fit(inputs, targets);

        for (var i = 1; i < calibrator.Values.Count; i++)
        {
            Assert.True(calibrator.Values[i] >= calibrator.Values[i - 1]);
        }
    }

    [Fact]
    public void Fit_LengthMismatch_Throws()
    {
        var error = Assert.Throws<GyreException>(() => IsotonicCalibrator.Fit([0.1, 0.2], [1.0]));
        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }
}
