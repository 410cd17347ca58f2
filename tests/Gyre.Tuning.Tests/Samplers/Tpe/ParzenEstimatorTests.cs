using Gyre.Tuning.Distributions;
using Gyre.Tuning.Samplers.Tpe;

namespace Gyre.Tuning.Tests.Samplers.Tpe;

/// <summary>
/// Known answers from parzen_reference.py (next to this file): kernel centres, widths and weights
/// from Optuna 3.1.0's _ParzenEstimator; mixture log-densities of width-normalised kernels from
/// scipy.stats.truncnorm with those kernels (log ints use their bin's mass, as Optuna 4.6+,
/// optuna#6258), and of Gyre's default equal-height kernels from Optuna 3.1's own log_pdf.
/// </summary>
public sealed class ParzenEstimatorTests
{
    private static readonly TpeOptions Univariate = new() { WidthNormalisedKernels = true };
    private static readonly TpeOptions Multivariate = new() { Multivariate = true, WidthNormalisedKernels = true };

    [Fact]
    public void DefaultKernels_HaveEqualPeakHeights_AsOptuna31()
    {
        var pe = Estimator(new FloatDistribution(-5, 10), [1.0, -2.0, 7.5, 3.0, 3.2], new TpeOptions());
        AssertClose([-1.3503393369957029, -0.9180712823903339, -0.822199286269361, -1.3631502806183295], LogPdf(pe, -4.0, 0.0, 3.1, 9.9));
        pe = Estimator(new FloatDistribution(1e-4, 1.0, log: true), [0.001, 0.01, 0.2], new TpeOptions());
        AssertClose([-1.0060364210799557, -0.6549902469373535, -0.9113848021371213], LogPdf(pe, 0.0002, 0.005, 0.5));
    }

    [Fact]
    public void Float_KernelsAndDensityMatchOptuna()
    {
        var pe = Estimator(new FloatDistribution(-5, 10), [1.0, -2.0, 7.5, 3.0, 3.2], Univariate);
        AssertClose([1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0], pe.Weights);
        AssertKernels(pe, [1.0, -2.0, 7.5, 3.0, 3.2, 2.5], [3.0, 3.0, 4.3, 2.142857142857143, 4.3, 15.0]);
        AssertClose([-3.1651264514703428, -2.4868899229818258, -2.341019016198478, -3.376386856499079], LogPdf(pe, -4.0, 0.0, 3.1, 9.9));
    }

    [Fact]
    public void LogFloat_KernelsLiveInLogSpace()
    {
        var pe = Estimator(new FloatDistribution(1e-4, 1.0, log: true), [0.001, 0.01, 0.2], Univariate);
        AssertKernels(pe, [-6.907755278982137, -4.605170185988091, -1.6094379124341003, -4.605170185988091],
            [2.302585092994046, 2.302585092994046, 2.9957322735539904, 9.210340371976182]);
        AssertClose([-2.5221967530124, -2.0078463318639796, -2.484489026706854], LogPdf(pe, 0.0002, 0.005, 0.5));
    }

    [Fact]
    public void SteppedInt_UsesTheMassOfEachBin()
    {
        var pe = Estimator(new IntDistribution(0, 20, step: 2), [4.0, 8.0, 8.0, 18.0], Univariate);
        AssertKernels(pe, [4.0, 8.0, 8.0, 18.0, 10.0], [4.0, 4.0, 3.6666666666666665, 8.0, 22.0]);
        AssertClose([-2.872930684881495, -1.9410277074594724, -3.0350315748603367], LogPdf(pe, 0.0, 8.0, 20.0));
    }

    [Fact]
    public void LogInt_UsesTheMassOfEachBinInLogSpace()
    {
        var pe = Estimator(new IntDistribution(1, 100, log: true), [2.0, 10.0, 50.0], Univariate);
        AssertKernels(pe, [0.6931471805599453, 2.3025850929940455, 3.912023005428146, 1.9585052734695925],
            [1.265358092909647, 1.6094379124341005, 1.6094379124341005, 5.303304908059076]);
        AssertClose([-1.8426013082348107, -3.7277943598987244, -6.476476195854222], LogPdf(pe, 1.0, 9.0, 100.0));
    }

    [Fact]
    public void Categorical_SmoothsEachObservationWithThePrior()
    {
        var pe = Estimator(new CategoricalDistribution(["a", "b", "c"]), [0.0, 2.0, 2.0], Univariate);
        AssertClose([-1.0986122886681098, -1.6582280766035324, -0.7419373447293772], LogPdf(pe, 0, 1, 2));
    }

    [Fact]
    public void Multivariate_UsesScottWidthsAndTheWeightRamp()
    {
        double[] x = [0.549, 0.715, 0.603, 0.545, 0.424, 0.646, 0.438, 0.892, 0.964, 0.383, 0.792, 0.529, 0.568, 0.926, 0.071, 0.087, 0.02, 0.833, 0.778, 0.87, 0.979, 0.799, 0.461, 0.781, 0.118, 0.64, 0.143, 0.945, 0.522, 0.415];
        double[] n = [4, 3, 8, 3, 1, 1, 5, 6, 6, 7, 9, 5, 2, 5, 10, 9, 2, 2, 8, 10, 10, 4, 7, 8, 3, 1, 4, 6, 10, 5];
        double[] c = [1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1];
        var pe = new ParzenEstimator(
            [new FloatDistribution(0, 1), new IntDistribution(1, 10), new CategoricalDistribution([1.0, 2.0])], [x, n, c], Multivariate);
        Assert.Equal(31, pe.Weights.Count);
        AssertClose([0.0011661807580174927, 0.009620991253644314, 0.018075801749271137, 0.026530612244897955, 0.034985422740524776], pe.Weights.Take(5).ToArray());
        Assert.Equal(0.034985422740524776, pe.Weights[30], 12);
        var xKernels = (NumericalParzenDimension)pe.Dimension(0);
        Assert.All(xKernels.Sigmas.Take(30), s => Assert.Equal(0.12303046729817113, s, 12));
        Assert.Equal(1.0, xKernels.Sigmas[30], 12);
        var nKernels = (NumericalParzenDimension)pe.Dimension(1);
        Assert.All(nKernels.Sigmas.Take(30), s => Assert.Equal(1.2303046729817113, s, 12));
        var density = pe.LogPdf([[0.1, 0.5], [3.0, 10.0], [0, 1]], 2);
        AssertClose([-3.0966958062900924, -2.875343697095449], density);
    }

    [Fact]
    public void Samples_AreAdmissibleAndReproducible()
    {
        ParameterDistribution[] space = [new FloatDistribution(0.5, 2.5, step: 0.5), new IntDistribution(1, 1000, log: true), new FloatDistribution(1e-3, 1, log: true)];
        double[][] obs = [[1.0, 2.5], [3.0, 900.0], [0.01, 0.9]];
        var first = new ParzenEstimator(space, obs, Univariate).Sample(new Gyre.Tuning.Samplers.SplitMix64(7), 500);
        var again = new ParzenEstimator(space, obs, Univariate).Sample(new Gyre.Tuning.Samplers.SplitMix64(7), 500);
        for (var d = 0; d < space.Length; d++)
        {
            Assert.Equal(first[d], again[d]);
            Assert.All(first[d], v => Assert.True(space[d].Contains(v), $"{v} outside {space[d]}"));
        }
        // The kernels at 1.0 and 2.5 put visibly more mass there than elsewhere on the 5-point grid.
        Assert.True(first[0].Count(v => v == 1.0) > first[0].Count(v => v == 2.0));
    }

    private static ParzenEstimator Estimator(ParameterDistribution distribution, double[] observations, TpeOptions options) =>
        new([distribution], [observations], options);

    private static double[] LogPdf(ParzenEstimator pe, params double[] points) => pe.LogPdf([points], points.Length);

    /// <summary>Centres and widths as multisets of (mu, sigma): Optuna's order among equal centres is arbitrary.</summary>
    private static void AssertKernels(ParzenEstimator pe, double[] mus, double[] sigmas)
    {
        var dim = (NumericalParzenDimension)pe.Dimension(0);
        var expected = mus.Zip(sigmas).OrderBy(p => p.First).ThenBy(p => p.Second).ToArray();
        var actual = dim.Mus.Zip(dim.Sigmas).OrderBy(p => p.First).ThenBy(p => p.Second).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].First, actual[i].First, 12);
            Assert.Equal(expected[i].Second, actual[i].Second, 12);
        }
    }

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i], 10);
    }
}
