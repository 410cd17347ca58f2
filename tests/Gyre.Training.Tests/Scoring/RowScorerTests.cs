using Gyre.Data.Tables;
using Gyre.Training.Specs;
using Gyre.Training.Scoring;
using Gyre.Training.Tests.Support;
using Gyre.Training.Validation;

namespace Gyre.Training.Tests.Scoring;

public sealed class RowScorerTests
{
    public static TheoryData<string> Models => ["binary", "multiclass", "regression", "adult", "iris"];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Score_HeldOutRows_EqualsModelPredictor(string model)
    {
        var (outcome, table) = ModelAndRows(model);
        var package = await RowScorerModels.PackageAsync(outcome);
        var scorer = RowScorer.For(package);

        var expected = package.Predictor.Score(table, TestContext.Current.CancellationToken);

        Assert.True(expected.IsComplete);
        Assert.Equal(table.RowCount, expected.Predictions.Count);
        for (var r = 0; r < table.RowCount; r++)
        {
            var row = RowScorerModels.RowOf(scorer, table, r);
            Assert.Null(scorer.Check(row, UnknownCategoryPolicy.MapToUnknown));
            var actual = scorer.Score(row);
            scorer.ReturnRow(row);
            AssertSamePrediction(expected.Predictions[r], actual, $"{model} row {r}");
            Assert.Equal(0, actual.Line);
        }
    }

    [Fact]
    public async Task Score_HeldOutRows_CoverMissingValuesAndUnseenCategories()
    {
        var package = await RowScorerModels.PackageAsync(RowScorerModels.FraudBinary);
        var scorer = RowScorer.For(package);
        var table = RowScorerModels.HeldOut();

        var nullable = scorer.Signature.Where(c => c.Nullable).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var warnings = package.Predictor.Score(table, TestContext.Current.CancellationToken).Warnings;

        Assert.Superset(new HashSet<string>(["amount", "card_present", "merchant_category", "note", "timestamp"], StringComparer.Ordinal), nullable);
        Assert.All(nullable, name => Assert.Contains(Enumerable.Range(0, table.RowCount), r => table[name].IsMissing(r)));
        Assert.Equal("country", Assert.Single(warnings).Column);
        Assert.Equal(
            [FeatureKind.OneHot, FeatureKind.Hash, FeatureKind.Text, FeatureKind.DateTime],
            scorer.Signature.Select(c => c.Kind).Where(k => k != FeatureKind.Numeric).Distinct().Order());
    }

    [Fact]
    public async Task ScoreBatch_Rows_EqualsScoreWithIndexAsLine()
    {
        var scorer = RowScorer.For(await RowScorerModels.PackageAsync(RowScorerModels.FraudMulticlass));
        var table = RowScorerModels.HeldOut(40);
        var rows = Enumerable.Range(0, table.RowCount).Select(r => RowScorerModels.RowOf(scorer, table, r)).ToArray();

        var batch = scorer.ScoreBatch(rows);

        Assert.Equal(rows.Length, batch.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(i, batch[i].Line);
            AssertSamePrediction(scorer.Score(rows[i]), batch[i], $"row {i}");
        }
    }

    [Fact]
    public async Task Score_EightThreads_SameAsSequential()
    {
        var scorer = RowScorer.For(await RowScorerModels.PackageAsync(RowScorerModels.FraudBinary));
        var table = RowScorerModels.HeldOut(100);
        var rows = Enumerable.Range(0, table.RowCount).Select(r => RowScorerModels.RowOf(scorer, table, r)).ToArray();
        var sequential = rows.Select(scorer.Score).ToArray();
        Assert.True(sequential.Select(p => p.Probability).Distinct().Count() > 10, "the rows should score differently");

        var results = new RowPrediction[8][];
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            var mine = new RowPrediction[2000];
            for (var i = 0; i < mine.Length; i++)
            {
                // Each thread walks the rows from a different start so that threads score different rows at once.
                var row = (i + (t * 13)) % rows.Length;
                var own = scorer.RentRow();
                CopyRow(rows[row], own);
                mine[i] = scorer.Score(own);
                scorer.ReturnRow(own);
            }

            results[t] = mine;
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        for (var t = 0; t < 8; t++)
        {
            for (var i = 0; i < 2000; i++)
            {
                Assert.Equal(sequential[(i + (t * 13)) % rows.Length], results[t][i]);
            }
        }
    }

    [Fact]
    public async Task Check_AbsentRequiredField_MissingValueNamingField()
    {
        var (scorer, row) = await ValidRowAsync();
        var index = RequiredNumeric(scorer);
        row.SetMissing(index);

        var violation = scorer.Check(row, UnknownCategoryPolicy.MapToUnknown);

        Assert.NotNull(violation);
        Assert.Equal(ViolationKind.MissingValue, violation.Kind);
        Assert.Equal(scorer.Signature[index].Name, violation.Column);
        Assert.Null(violation.Line);
        Assert.Contains("absent", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NaNInNonNullableNumeric_MissingValue()
    {
        var (scorer, row) = await ValidRowAsync();
        var index = RequiredNumeric(scorer);
        row.SetNumber(index, double.NaN);

        var violation = scorer.Check(row, UnknownCategoryPolicy.MapToUnknown);

        Assert.NotNull(violation);
        Assert.Equal(ViolationKind.MissingValue, violation.Kind);
        Assert.Equal(scorer.Signature[index].Name, violation.Column);
        Assert.Contains("NaN", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NaNInNullableNumeric_Passes()
    {
        var (scorer, row) = await ValidRowAsync();
        var index = scorer.IndexOf("amount");
        Assert.True(scorer.Signature[index].Nullable);
        row.SetNumber(index, double.NaN);

        Assert.Null(scorer.Check(row, UnknownCategoryPolicy.Reject));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public async Task Check_Infinity_WrongType(double value, string shown)
    {
        var (scorer, row) = await ValidRowAsync();
        var index = scorer.IndexOf("amount");
        row.SetNumber(index, value);

        var violation = scorer.Check(row, UnknownCategoryPolicy.MapToUnknown);

        Assert.NotNull(violation);
        Assert.Equal(ViolationKind.WrongType, violation.Kind);
        Assert.Equal("amount", violation.Column);
        Assert.Contains($"got {shown}", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnknownCategory_RejectedOrMappedByPolicy()
    {
        var (scorer, row) = await ValidRowAsync();
        row.SetText(scorer.IndexOf("country"), RowScorerModels.UnseenCountry);

        var rejected = scorer.Check(row, UnknownCategoryPolicy.Reject);
        var mapped = scorer.Check(row, UnknownCategoryPolicy.MapToUnknown);

        Assert.NotNull(rejected);
        Assert.Equal(ViolationKind.UnknownCategory, rejected.Kind);
        Assert.Equal("country", rejected.Column);
        Assert.Contains(RowScorerModels.UnseenCountry, rejected.Message, StringComparison.Ordinal);
        Assert.Null(mapped);
    }

    [Fact]
    public async Task Check_UnseenWordsInTextColumn_PassUnderReject()
    {
        var (scorer, row) = await ValidRowAsync();
        row.SetText(scorer.IndexOf("note"), "words the model never saw");

        Assert.Null(scorer.Check(row, UnknownCategoryPolicy.Reject));
    }

    [Fact]
    public async Task ReturnRow_ThenRent_RowIsCleared()
    {
        var (scorer, row) = await ValidRowAsync();
        Assert.Contains(Enumerable.Range(0, scorer.Signature.Count), row.IsSet);

        scorer.ReturnRow(row);
        var rented = scorer.RentRow();

        Assert.Same(scorer.Signature, rented.Signature);
        for (var i = 0; i < scorer.Signature.Count; i++)
        {
            Assert.False(rented.IsSet(i));
            Assert.True(double.IsNaN(rented.GetNumber(i)));
            Assert.Null(rented.GetText(i));
            Assert.Null(rented.GetDateTime(i));
        }
    }

    [Fact]
    public async Task Score_RowOfOtherSignature_ThrowsArgumentException()
    {
        var scorer = RowScorer.For(await RowScorerModels.PackageAsync(RowScorerModels.FraudBinary));
        var other = new FeatureRow([.. scorer.Signature.Take(3)]);

        Assert.Throws<ArgumentException>(() => scorer.Score(other));
    }

    private static (TrainingOutcome Outcome, DataTable Rows) ModelAndRows(string model) => model switch
    {
        "binary" => (RowScorerModels.FraudBinary, RowScorerModels.HeldOut()),
        "multiclass" => (RowScorerModels.FraudMulticlass, RowScorerModels.HeldOut()),
        "regression" => (RowScorerModels.FraudRegression, RowScorerModels.HeldOut()),
        "adult" => (TrainedModels.AdultBinary, TestTables.Adult(2000).Take([.. Enumerable.Range(1500, 300)])),
        _ => (TrainedModels.IrisMulticlass, TestTables.Iris()),
    };

    private static async Task<(RowScorer Scorer, FeatureRow Row)> ValidRowAsync()
    {
        var scorer = RowScorer.For(await RowScorerModels.PackageAsync(RowScorerModels.FraudBinary));
        var table = RowScorerModels.HeldOut(5);
        var row = RowScorerModels.RowOf(scorer, table, 0);
        Assert.Null(scorer.Check(row, UnknownCategoryPolicy.Reject));
        return (scorer, row);
    }

    private static int RequiredNumeric(RowScorer scorer)
    {
        var index = scorer.IndexOf("distance_from_home_km");
        Assert.False(scorer.Signature[index].Nullable);
        return index;
    }

    private static void CopyRow(FeatureRow from, FeatureRow to)
    {
        for (var i = 0; i < from.Signature.Count; i++)
        {
            if (from.GetText(i) is { } text)
            {
                to.SetText(i, text);
            }
            else if (from.GetDateTime(i) is { } date)
            {
                to.SetDateTime(i, date);
            }
            else if (from.IsSet(i))
            {
                to.SetNumber(i, from.GetNumber(i));
            }
        }
    }

    private static void AssertSamePrediction(RowPrediction expected, RowPrediction actual, string what)
    {
        Assert.True(expected.PredictedLabel == actual.PredictedLabel, $"{what}: label {actual.PredictedLabel}, expected {expected.PredictedLabel}");
        AssertClose(expected.Probability, actual.Probability, what);
        AssertClose(expected.Value, actual.Value, what);
        Assert.Equal(expected.ClassProbabilities is null, actual.ClassProbabilities is null);
        if (expected.ClassProbabilities is { } classes)
        {
            Assert.Equal(classes.Count, actual.ClassProbabilities!.Count);
            for (var k = 0; k < classes.Count; k++)
            {
                AssertClose(classes[k], actual.ClassProbabilities[k], $"{what} class {k}");
            }
        }
    }

    private static void AssertClose(double? expected, double? actual, string what)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is { } e && actual is { } a)
        {
            Assert.True(Math.Abs(e - a) <= 1e-6 * Math.Max(1, Math.Abs(e)), $"{what}: {a}, expected {e}");
        }
    }
}
