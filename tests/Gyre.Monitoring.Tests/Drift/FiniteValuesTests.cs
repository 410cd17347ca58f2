using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Tests.Drift;

public sealed class FiniteValuesTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(5000)]
    [InlineData(100_003)]
    public void Sorted_MixedMagnitudesAndSigns_MatchesArraySortWithoutMissing(int count)
    {
        var random = new Random(count);
        double[] special = [0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 1e-300, -1e300, 3.5, 3.5, -3.5];
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (i % 97) switch
            {
                0 => double.NaN,
                1 => double.PositiveInfinity,
                2 => double.NegativeInfinity,
                3 => special[i % special.Length],
                4 => random.Next(-5, 5),
                _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-20, 20)),
            };
        }

        var expected = values.Where(double.IsFinite).ToArray();
        Array.Sort(expected);

        var sorted = FiniteValues.Sorted(values);

        Assert.Equal(expected.Length, sorted.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i] == sorted[i], $"Index {i}: expected {expected[i]:R}, got {sorted[i]:R}.");
        }
    }

    [Fact]
    public void Sorted_LongConstantInput_StaysConstant()
    {
        var values = Enumerable.Repeat(-2.25, 3000).ToArray();

        Assert.All(FiniteValues.Sorted(values), v => Assert.Equal(-2.25, v));
    }

    [Fact]
    public void Copy_KeepsOrderAndDropsMissing()
    {
        Assert.Equal([3.0, -1.0, 2.0], FiniteValues.Copy([3.0, double.NaN, -1.0, double.NegativeInfinity, 2.0]));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(4000)]
    public void SortInto_LongerDestination_WritesSortedFiniteValuesAndLeavesTheRest(int count)
    {
        var random = new Random(count);
        var values = Enumerable.Range(0, count).Select(i => i % 7 == 0 ? double.NaN : random.NextDouble() - 0.5).ToArray();
        var destination = Enumerable.Repeat(99.0, count + 5).ToArray();

        var written = FiniteValues.SortInto(values, destination);

        Assert.Equal(FiniteValues.Sorted(values), destination[..written]);
        Assert.All(destination[written..], v => Assert.Equal(99.0, v));
    }

    [Fact]
    public void SortInto_ShorterDestination_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => FiniteValues.SortInto([1.0, 2.0, 3.0], new double[2]));

        Assert.Equal("destination", error.ParamName);
    }
}
