using Gyre.Core;
using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Tests.Drift;

public sealed class ChiSquareTestTests
{
    // Expected: /usr/bin/python3 -c "from scipy import stats; k = sum(cur)/sum(ref);
    //   r = stats.chisquare(cur, [x*k for x in ref]); print(repr(r.statistic), repr(r.pvalue))" (scipy 1.10)
    [Theory]
    [InlineData(new long[] { 30, 50, 20 }, new long[] { 25, 40, 45 }, 30.07575757575758, 2.9453182125897425e-07)]
    [InlineData(new long[] { 100, 1, 7, 12 }, new long[] { 90, 3, 2, 30 }, 33.94857142857143, 2.031338541917268e-07)]
    [InlineData(new long[] { 5, 5 }, new long[] { 9, 1 }, 6.4, 0.01141203638600166)]
    public void Compute_Counts_MatchesScipyChisquare(long[] reference, long[] current, double expectedStatistic, double expectedPValue)
    {
        var result = ChiSquareTest.Compute(reference, current);

        Tolerance.AssertClose(expectedStatistic, result.Statistic);
        Tolerance.AssertClose(expectedPValue, result.PValue);
    }

    [Fact]
    public void Compute_CategoryUnseenInReference_IsInfiniteWithZeroPValue()
    {
        var result = ChiSquareTest.Compute([10, 5, 0], [8, 6, 1]);

        Assert.Equal(double.PositiveInfinity, result.Statistic);
        Assert.Equal(0.0, result.PValue);
    }

    [Fact]
    public void Compute_EmptyCurrent_ThrowsInvalidInput()
    {
        var error = Assert.Throws<GyreException>(() => ChiSquareTest.Compute([1, 2], [0, 0]));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }
}
