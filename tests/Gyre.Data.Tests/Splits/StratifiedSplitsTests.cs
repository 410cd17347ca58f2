using Gyre.Data.Splits;

namespace Gyre.Data.Tests.Splits;

public sealed class StratifiedSplitsTests
{
    // 70 rows of class 0, 20 of class 1, 10 of class 2, interleaved so that order alone cannot stratify.
    private static readonly int[] Codes = [.. Enumerable.Range(0, 100).Select(i => i % 10 == 0 ? 2 : i % 10 <= 2 ? 1 : 0)];

    [Fact]
    public void Holdout_KeepsEachClassShareAndPartitionsRows()
    {
        var split = StratifiedSplits.Holdout(Codes, 0.2, seed: 7);

        Assert.Equal(Enumerable.Range(0, 100), split.Train.Concat(split.Test).Order());
        Assert.Equal(14, split.Test.Count(r => Codes[r] == 0));
        Assert.Equal(4, split.Test.Count(r => Codes[r] == 1));
        Assert.Equal(2, split.Test.Count(r => Codes[r] == 2));
    }

    [Fact]
    public void Holdout_SameSeed_SameSplit_OtherSeed_OtherSplit()
    {
        var a = StratifiedSplits.Holdout(Codes, 0.3, seed: 1);
        var b = StratifiedSplits.Holdout(Codes, 0.3, seed: 1);
        var c = StratifiedSplits.Holdout(Codes, 0.3, seed: 2);

        Assert.Equal(a.Test, b.Test);
        Assert.NotEqual(a.Test, c.Test);
    }

    [Fact]
    public void Holdout_SingletonClass_StaysInTraining()
    {
        var split = StratifiedSplits.Holdout([0, 0, 0, 0, 1], 0.5, seed: 3);

        Assert.Contains(4, split.Train);
    }

    [Fact]
    public void KFold_TestPartsPartitionRowsAndKeepClassShares()
    {
        var folds = StratifiedSplits.KFold(Codes, 5, seed: 11);

        Assert.Equal(5, folds.Count);
        Assert.Equal(Enumerable.Range(0, 100), folds.SelectMany(f => f.Test).Order());
        foreach (var fold in folds)
        {
            Assert.Equal(Enumerable.Range(0, 100), fold.Train.Concat(fold.Test).Order());
            Assert.Equal(14, fold.Test.Count(r => Codes[r] == 0));
            Assert.Equal(4, fold.Test.Count(r => Codes[r] == 1));
            Assert.Equal(2, fold.Test.Count(r => Codes[r] == 2));
        }
    }

    [Fact]
    public void KFold_UnevenClasses_FoldSizesDifferByAtMostOne()
    {
        var codes = Enumerable.Range(0, 23).Select(i => i % 3).ToArray();

        var sizes = StratifiedSplits.KFold(codes, 4, seed: 5).Select(f => f.Test.Count).ToArray();

        Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(",", sizes));
        Assert.Equal(23, sizes.Sum());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(101)]
    public void KFold_BadFoldCount_Throws(int folds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplits.KFold(Codes, folds, seed: 1));

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Holdout_BadFraction_Throws(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplits.Holdout(Codes, fraction, seed: 1));
}
