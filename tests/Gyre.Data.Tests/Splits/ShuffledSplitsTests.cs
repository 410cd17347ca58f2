using Gyre.Data.Splits;

namespace Gyre.Data.Tests.Splits;

public sealed class ShuffledSplitsTests
{
    [Fact]
    public void Holdout_PartitionsRowsWithRequestedSize()
    {
        var split = ShuffledSplits.Holdout(50, 0.2, seed: 4);

        Assert.Equal(10, split.Test.Count);
        Assert.Equal(Enumerable.Range(0, 50), split.Train.Concat(split.Test).Order());
        Assert.NotEqual(Enumerable.Range(40, 10), split.Test);
    }

    [Fact]
    public void KFold_TestPartsPartitionRowsAndAreDeterministic()
    {
        var folds = ShuffledSplits.KFold(31, 3, seed: 9);
        var again = ShuffledSplits.KFold(31, 3, seed: 9);

        Assert.Equal(Enumerable.Range(0, 31), folds.SelectMany(f => f.Test).Order());
        Assert.All(folds, f => Assert.Equal(Enumerable.Range(0, 31), f.Train.Concat(f.Test).Order()));
        Assert.Equal(folds.Select(f => f.Test), again.Select(f => f.Test));
        Assert.Equal([11, 10, 10], folds.Select(f => f.Test.Count));
    }
}
