using Gyre.Core;
using Gyre.Monitoring.Profiles;

namespace Gyre.Monitoring.Tests.Profiles;

public sealed class HyperLogLogTests(ITestOutputHelper output)
{
    /// <summary>3 standard errors for lg_k = 12: 3·1.04/√4096 ≈ 4.9 %.</summary>
    private const double Bound = 3 * 1.04 / 64;

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1_000)]
    [InlineData(5_000)]
    [InlineData(10_000)]
    [InlineData(20_000)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void Estimate_DistinctStrings_WithinThreeStandardErrors(int cardinality)
    {
        var sketch = new HyperLogLog();
        for (var i = 0; i < cardinality; i++)
        {
            sketch.Add($"user-{i}");
            sketch.Add($"user-{i / 2}");
        }

        var error = Math.Abs(sketch.Estimate() - cardinality) / cardinality;
        output.WriteLine($"n = {cardinality}: estimate {sketch.Estimate():F1}, relative error {error:P3}");

        Assert.True(error <= Bound, $"relative error {error:P3} exceeds {Bound:P2}");
    }

    [Theory]
    [InlineData(3_000)]
    [InlineData(300_000)]
    public void Estimate_DistinctDoubles_WithinThreeStandardErrors(int cardinality)
    {
        var sketch = new HyperLogLog();
        var random = new Random(cardinality);
        for (var i = 0; i < cardinality; i++)
        {
            sketch.Add((i * 0.5) + random.Next(0, 1) - 1e6);
        }

        var error = Math.Abs(sketch.Estimate() - cardinality) / cardinality;

        Assert.True(error <= Bound, $"relative error {error:P3} exceeds {Bound:P2}");
    }

    [Fact]
    public void Merge_OverlappingParts_EqualsSketchOfUnion()
    {
        var whole = new HyperLogLog();
        var merged = new HyperLogLog();
        for (var part = 0; part < 24; part++)
        {
            var piece = new HyperLogLog();
            for (var i = part * 5_000; i < (part * 5_000) + 10_000; i++)
            {
                piece.Add($"k{i}");
                whole.Add($"k{i}");
            }

            merged.Merge(piece);
        }

        const int Cardinality = (23 * 5_000) + 10_000;
        Assert.Equal(whole.ToJson(), merged.ToJson());
        Assert.True(Math.Abs(merged.Estimate() - Cardinality) / Cardinality <= Bound);
    }

    [Fact]
    public void Add_NegativeAndPositiveZero_CountOnce()
    {
        var sketch = new HyperLogLog();
        sketch.Add(0.0);
        sketch.Add(-0.0);
        sketch.Add(double.NaN);

        Assert.Equal(1.0, sketch.Estimate(), 2);
    }

    [Fact]
    public void Estimate_Empty_IsZero() => Assert.Equal(0.0, new HyperLogLog().Estimate());

    [Fact]
    public void FromJson_RoundTrip_SameEstimate()
    {
        var sketch = new HyperLogLog(10);
        for (var i = 0; i < 777; i++)
        {
            sketch.Add(i);
        }

        var restored = HyperLogLog.FromJson(sketch.ToJson());

        Assert.Equal(10, restored.LgK);
        Assert.Equal(sketch.Estimate(), restored.Estimate());
    }

    [Fact]
    public void Merge_DifferentLgK_ThrowsInvalidInput()
    {
        var error = Assert.Throws<GyreException>(() => new HyperLogLog(12).Merge(new HyperLogLog(11)));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public void FromJson_WrongRegisterCount_ThrowsInvalidInputNamingSource()
    {
        var error = Assert.Throws<GyreException>(() => HyperLogLog.FromJson("""{"lg_k":12,"registers":"AAAA"}""", "hll.json"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("hll.json", error.Message, StringComparison.Ordinal);
    }
}
