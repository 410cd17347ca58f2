using Gyre.Data.Synthetic;
using Gyre.Training.Scoring;
using Gyre.Training.Specs;
using Gyre.Training.Validation;

namespace Gyre.Training.Tests.Scoring;

/// <summary>
/// The tree shortcut (<see cref="TreeShortcut"/>) walks ML.NET's trees itself; its predictions must be ML.NET's bit for
/// bit on every supported trainer and task, past the rows it verifies, and it must turn itself off on a difference.
/// </summary>
public sealed class TreeShortcutTests
{
    private const int Rows = 1200;

    public static TheoryData<string, string, string> Models => new()
    {
        { "fastforest", "binary", "num_trees" },
        { "fasttree", "binary", "num_iterations" },
        { "lightgbm", "binary", "num_iterations" },
        { "fasttree", "regression", "num_iterations" },
        { "lightgbm", "regression", "num_iterations" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public async Task ScoreMany_TreeModels_EqualsMlNetBitForBitBeyondTheVerifiedRows(string trainer, string task, string sizeParameter)
    {
        var outcome = task == "binary"
            ? RowScorerModels.Train(TaskKind.Binary, FraudTransactionGenerator.LabelColumn, trainer, sizeParameter, [])
            : RowScorerModels.Train(TaskKind.Regression, "account_age_days", trainer, sizeParameter, [FraudTransactionGenerator.LabelColumn]);
        var package = await RowScorerModels.PackageAsync(outcome);
        var table = RowScorerModels.HeldOut(Rows);
        var fast = RowScorer.For(package);
        var plain = RowScorer.For(package, treeShortcut: false);
        long[] lines = [.. Enumerable.Range(1, Rows).Select(i => (long)i)];
        void Fill(RowScorer scorer, int i, FeatureRow row)
        {
            var source = RowScorerModels.RowOf(scorer, table, i);
            for (var c = 0; c < scorer.Signature.Count; c++)
            {
                if (source.GetText(c) is { } text)
                {
                    row.SetText(c, text);
                }
                else if (source.GetDateTime(c) is { } date)
                {
                    row.SetDateTime(c, date);
                }
                else if (source.IsSet(c))
                {
                    row.SetNumber(c, source.GetNumber(c));
                }
            }

            scorer.ReturnRow(source);
        }

        var expected = plain.ScoreMany(Rows, (i, row) => Fill(plain, i, row), lines);
        var actual = fast.ScoreMany(Rows, (i, row) => Fill(fast, i, row), lines);

        Assert.NotNull(fast.Shortcut);
        Assert.Null(plain.Shortcut);
        Assert.True(fast.Shortcut!.Enabled, "a verified row differed from ML.NET");
        Assert.Equal(TreeShortcut.VerifyRows, fast.Shortcut.Verified);
        for (var i = 0; i < Rows; i++)
        {
            var (want, got) = task == "binary" ? (expected[i].Probability!.Value, actual[i].Probability!.Value) : (expected[i].Value!.Value, actual[i].Value!.Value);
            Assert.True(BitConverter.DoubleToInt64Bits(want) == BitConverter.DoubleToInt64Bits(got), $"{trainer} {task} row {i}: {got:R} vs ML.NET {want:R}");
            Assert.Equal(expected[i].PredictedLabel, actual[i].PredictedLabel);
        }
    }

    [Fact]
    public async Task For_MulticlassModel_HasNoShortcut()
    {
        var scorer = RowScorer.For(await RowScorerModels.PackageAsync(RowScorerModels.FraudMulticlass));

        Assert.Null(scorer.Shortcut);
    }

    [Fact]
    public void Check_OneDifferentBit_TurnsTheShortcutOffForGood()
    {
        var ensemble = BoostedTreeEnsemble.FindForScoring(RowScorerModels.FraudBinary.Model.Transformer)!;
        var shortcut = new TreeShortcut(ensemble);

        Assert.True(shortcut.Check(0.25f, 0.25f));
        Assert.False(shortcut.Check(0.25f, BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(0.25f) + 1)));
        Assert.False(shortcut.Enabled);
        Assert.Equal(1, shortcut.Verified);
    }
}
