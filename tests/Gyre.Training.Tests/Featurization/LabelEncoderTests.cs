using Gyre.Core;
using Gyre.Data.Tables;
using Gyre.Training.Featurization;
using Gyre.Training.Specs;
using Gyre.Training.Tests.Support;

namespace Gyre.Training.Tests.Featurization;

public sealed class LabelEncoderTests
{
    [Theory]
    [InlineData("<=50K,<=50K,>50K,<=50K", ">50K", "<=50K")] // no natural order: the minority class
    [InlineData("no,yes,yes,yes", "yes", "no")] // yes/no: yes even when it is the majority
    [InlineData("Yes,No,No", "Yes", "No")]
    [InlineData("1,2,2,1,2", "2", "1")] // numeric: the larger value
    [InlineData("1,0,0,0", "1", "0")]
    [InlineData("true,false,false", "true", "false")] // boolean column
    public void Fit_BinaryLabel_DefaultPositiveClass(string values, string positive, string negative)
    {
        var encoded = LabelEncoder.Fit(Table(values), Spec(TaskKind.Binary));

        Assert.Equal(positive, encoded.Mapping.PositiveClass);
        Assert.Equal([negative, positive], encoded.Mapping.ClassNames);
        Assert.Equal(values.Split(',').Select(v => v == positive ? 1 : 0), encoded.Codes);
    }

    [Fact]
    public void Fit_PositiveClassOverride_IsUsed()
    {
        var encoded = LabelEncoder.Fit(Table("<=50K,<=50K,>50K"), Spec(TaskKind.Binary) with { PositiveClass = "<=50K" });

        Assert.Equal("<=50K", encoded.Mapping.PositiveClass);
        Assert.Equal([1, 1, 0], encoded.Codes);
    }

    [Fact]
    public void Fit_NumericPositiveClassWrittenDifferently_MatchesValue()
    {
        var encoded = LabelEncoder.Fit(Table("1,2,2"), Spec(TaskKind.Binary) with { PositiveClass = "1.0" });

        Assert.Equal("1", encoded.Mapping.PositiveClass);
    }

    [Fact]
    public void Fit_PositiveClassNotAValue_ThrowsListingValues()
    {
        var ex = Assert.Throws<GyreException>(() => LabelEncoder.Fit(Table("a,b"), Spec(TaskKind.Binary) with { PositiveClass = "c" }));

        Assert.Equal(ErrorKind.InvalidInput, ex.Kind);
        Assert.Contains("'c'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'a', 'b'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,b,c,a", "found 3: 'a', 'b', 'c'")]
    [InlineData("a,a,a", "found 1: 'a'")]
    public void Fit_BinaryWithoutExactlyTwoValues_ThrowsNamingColumnAndValues(string values, string expected)
    {
        var ex = Assert.Throws<GyreException>(() => LabelEncoder.Fit(Table(values), Spec(TaskKind.Binary)));

        Assert.Contains("'y'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_MissingLabel_ThrowsNamingLines()
    {
        var ex = Assert.Throws<GyreException>(() => LabelEncoder.Fit(TestTables.FromCsv("x,y\n1,a\n2,\n3,b\n4,?\n", "train.csv"), Spec(TaskKind.Binary)));

        Assert.Contains("train.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line(s) 3, 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_MulticlassNumericLabels_OrdersClassesNumerically()
    {
        var encoded = LabelEncoder.Fit(Table("10,2,1,2"), Spec(TaskKind.Multiclass));

        Assert.Equal(["1", "2", "10"], encoded.Mapping.ClassNames);
        Assert.Equal([2, 1, 0, 1], encoded.Codes);
    }

    [Fact]
    public void Fit_RegressionOnText_Throws()
    {
        var ex = Assert.Throws<GyreException>(() => LabelEncoder.Fit(Table("a,b,c"), Spec(TaskKind.Regression)));

        Assert.Contains("must be numeric", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_TestClassUnseenInTraining_ThrowsNamingLine()
    {
        var mapping = LabelEncoder.Fit(Table("a,b"), Spec(TaskKind.Binary)).Mapping;

        var ex = Assert.Throws<GyreException>(() => LabelEncoder.Encode(TestTables.FromCsv("x,y\n1,a\n2,z\n", "test.csv"), mapping));

        Assert.Contains("test.csv line 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'z'", ex.Message, StringComparison.Ordinal);
    }

    private static TrainingSpec Spec(TaskKind task) => new() { Label = "y", Task = task };

    private static DataTable Table(string labels)
    {
        var values = labels.Split(',');
        return TestTables.FromCsv("x,y\n" + string.Join('\n', values.Select((v, i) => $"{i},{v}")));
    }
}
