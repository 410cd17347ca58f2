using Gyre.Core;
using Gyre.Data.Tables;
using Gyre.Training.Specs;
using Gyre.Training.Tests.Support;
using Gyre.Training.Validation;

namespace Gyre.Training.Tests.Featurization;

public sealed class FeaturizationTests
{
    [Fact]
    public void Train_DateTimeTextAndBooleanColumns_LearnsFromEach()
    {
        // y depends only on the hour of 'when', the word in 'note' and the flag; 'note' also carries filler words.
        var random = new Random(3);
        const int n = 400;
        var hours = Enumerable.Range(0, n).Select(_ => random.Next(24)).ToArray();
        var good = Enumerable.Range(0, n).Select(_ => random.Next(2) == 1).ToArray();
        var flag = Enumerable.Range(0, n).Select(_ => random.Next(2) == 1).ToArray();
        var when = hours.Select((h, i) => (DateTime?)new DateTime(2024, 1 + (i % 12), 1 + (i % 28), h, 0, 0, DateTimeKind.Utc)).ToArray();
        var notes = good.Select((g, i) => (g ? "excellent service" : "terrible service") + (i % 2 == 0 ? " today" : " again")).ToArray<string?>();
        var y = Enumerable.Range(0, n).Select(i => (bool?)((hours[i] >= 12 ? 1 : 0) + (good[i] ? 1 : 0) + (flag[i] ? 1 : 0) >= 2)).ToArray();
        var data = TestTables.Build(
        [
            new DateTimeColumn("when", when),
            new StringColumn("note", ColumnType.Text, notes),
            new BooleanColumn("flag", [.. flag.Select(f => (bool?)f)]),
            new BooleanColumn("y", y),
        ]);
        var spec = new TrainingSpec
        {
            Label = "y",
            Task = TaskKind.Binary,
            Validation = new ValidationSpec { Folds = 0, HoldoutFraction = 0.25 },
            PermutationImportance = true,
            PermutationRepeats = 2,
        };

        var outcome = ModelTrainer.Train(data, spec, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(outcome.Evaluation!.Binary!.Accuracy > 0.9, $"accuracy {outcome.Evaluation.Binary.Accuracy}");
        Assert.All(outcome.Importance, i => Assert.True(i.Mean > 0.02, $"{i.Column}: {i.Mean}"));
        Assert.Equal([FeatureKind.DateTime, FeatureKind.Text, FeatureKind.Numeric], outcome.Model.Signature.Select(c => c.Kind));
    }

    [Fact]
    public void Train_CategoricalAboveCardinalityLimit_IsHashedWithoutCategories()
    {
        var spec = new TrainingSpec
        {
            Label = "income",
            Task = TaskKind.Binary,
            Validation = new ValidationSpec { Folds = 0 },
            Featurization = new FeaturizationSpec { OneHotMaxCardinality = 8, HashBits = 6 },
            Ignore = ["fnlwgt"],
        };

        var outcome = ModelTrainer.Train(TestTables.Adult(800), spec, cancellationToken: TestContext.Current.CancellationToken);

        var signature = outcome.Model.Signature.ToDictionary(c => c.Name);
        Assert.Equal(FeatureKind.Hash, signature["education"].Kind); // 16 values
        Assert.Null(signature["education"].Categories);
        Assert.Equal(FeatureKind.OneHot, signature["sex"].Kind);
        Assert.Equal(["Female", "Male"], signature["sex"].Categories);
        Assert.False(signature.ContainsKey("fnlwgt"));
        Assert.True(signature["workclass"].Nullable); // '?' is missing in adult
        Assert.False(signature["age"].Nullable);
        Assert.True(outcome.Evaluation!.Binary!.RocAuc > 0.75);
    }

    [Fact]
    public void Train_ColumnOverrides_AreApplied()
    {
        var spec = new TrainingSpec
        {
            Label = "quality",
            Task = TaskKind.Regression,
            Validation = new ValidationSpec { Folds = 0 },
            Featurization = new FeaturizationSpec { Columns = new Dictionary<string, FeatureKind> { ["pH"] = FeatureKind.Ignore, ["color"] = FeatureKind.Hash } },
        };

        var outcome = ModelTrainer.Train(TestTables.Wine(600), spec, cancellationToken: TestContext.Current.CancellationToken);

        Assert.DoesNotContain(outcome.Model.Signature, c => c.Name == "pH");
        Assert.Equal(FeatureKind.Hash, outcome.Model.Signature.Single(c => c.Name == "color").Kind);
    }

    [Theory]
    [InlineData("nonexistent", FeatureKind.Text, "'nonexistent'")]
    [InlineData("color", FeatureKind.Numeric, "cannot be featurized as numeric")]
    public void Train_BadOverride_Throws(string column, FeatureKind kind, string expected)
    {
        var spec = new TrainingSpec
        {
            Label = "quality",
            Task = TaskKind.Regression,
            Featurization = new FeaturizationSpec { Columns = new Dictionary<string, FeatureKind> { [column] = kind } },
        };

        var ex = Assert.Throws<GyreException>(() => ModelTrainer.Train(TestTables.Wine(100), spec, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
