using Gyre.Core;
using Gyre.Tracking.Search;

namespace Gyre.Tracking.Tests.Search;

public sealed class RunSearchSyntaxOrderByTests
{
    /// <summary>
    /// The order_by entries of MLflow tests/utils/test_search_utils.py::test_correct_sorting and
    /// test_space_order_by_search_runs, then Gyre's (aliases, trimmed whitespace).
    /// </summary>
    public static readonly TheoryData<string, string> ValidEntries = new()
    {
        { "tags.noSuchTag", "Tag|noSuchTag|asc" },
        { "attributes.status", "Attribute|status|asc" },
        { "attributes.start_time", "Attribute|start_time|asc" },
        { "metrics.key1 asc", "Metric|key1|asc" },
        { "metrics.\"key1\"  desc", "Metric|key1|desc" },
        { "params.my_param", "Param|my_param|asc" },
        { "params.my_param aSc", "Param|my_param|asc" },
        { "attributes.status  ASC", "Attribute|status|asc" },
        { "attributes.status DESC", "Attribute|status|desc" },
        { "attributes.status   DESC", "Attribute|status|desc" },
        { "params.`my_param` DESC", "Param|my_param|desc" },
        { "tags.tag1", "Tag|tag1|asc" },
        { "tags.tag1    DESC", "Tag|tag1|desc" },
        { "metrics.`Mean Square Error`", "Metric|Mean Square Error|asc" },
        { "metrics.`Mean Square Error` ASC", "Metric|Mean Square Error|asc" },
        { "metrics.`Mean Square Error` DESC", "Metric|Mean Square Error|desc" },
        { "created DESC", "Attribute|start_time|desc" },
        { "attribute.end_time", "Attribute|end_time|asc" },
        { "run_name desc", "Attribute|run_name|desc" },
        { "attributes.\"run name\"", "Attribute|run_name|asc" },
        { "tags.mlflow.runName ASC", "Tag|mlflow.runName|asc" },
        { "`metrics`.\"val-loss\" DESC", "Metric|val-loss|desc" },
        // MLflow rejects trailing whitespace ("params.my_param " in test_invalid_order_by_search_runs); Gyre trims it.
        { "params.my_param ", "Param|my_param|asc" },
        { "  metrics.a  DESC  ", "Metric|a|desc" },
    };

    /// <summary>Mirrors test_invalid_order_by_search_runs, then Gyre's own refusals.</summary>
    public static readonly TheoryData<string, string> InvalidEntries = new()
    {
        { "m.acc", "Invalid entity type 'm'" },
        { "acc", "Invalid attribute key 'acc'" },
        { "attri.x", "Invalid entity type 'attri'" },
        { "`metrics.A", "Invalid order_by clause '`metrics.A'" },
        // MLflow splits inside the backticks and reports the entity type '`metrics'; Gyre reads one quoted key.
        { "`metrics.A`", "Invalid attribute key 'metrics.A'" },
        { "attribute.start", "Invalid attribute key 'start'" },
        { "attribute.experiment_id", "Invalid attribute key 'experiment_id'" },
        { "metrics.A != 1", "Invalid order_by clause 'metrics.A != 1'" },
        { "attribute.run_id ACS", "Invalid ordering key in order_by clause 'attribute.run_id ACS'" },
        { "attribute.run_id decs", "Invalid ordering key in order_by clause 'attribute.run_id decs'" },
        { "", "Invalid order_by clause ''" },
        { "   ", "Invalid order_by clause '   '" },
        { "metrics.a DESC NULLS", "Invalid order_by clause 'metrics.a DESC NULLS'" },
        { "metrics.a 'DESC'", "Invalid order_by clause 'metrics.a 'DESC''" },
        { "metrics.a, metrics.b", "Invalid order_by clause 'metrics.a, metrics.b'" },
        { "1", "Invalid order_by clause '1'" },
        { "datasets.name", "Invalid order_by entity type 'dataset' in order_by clause 'datasets.name'" },
        { "attribute.lifecycle_stage", "Invalid attribute key 'lifecycle_stage'" },
    };

    [Theory]
    [MemberData(nameof(ValidEntries))]
    public void ParseOrderBy_ValidEntry_ReturnsExactTerm(string entry, string expected)
    {
        var terms = RunSearchSyntax.ParseOrderBy([entry]);

        Assert.Equal([expected], terms.Select(SearchClauseText.Of));
    }

    [Theory]
    [MemberData(nameof(InvalidEntries))]
    public void ParseOrderBy_InvalidEntry_ThrowsInvalidInputNamingIt(string entry, string expectedMessagePart)
    {
        var error = Assert.Throws<GyreException>(() => RunSearchSyntax.ParseOrderBy([entry]));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expectedMessagePart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseOrderBy_Null_ReturnsNoTerms()
    {
        Assert.Empty(RunSearchSyntax.ParseOrderBy(null));
        Assert.Empty(RunSearchSyntax.ParseOrderBy([]));
    }

    [Fact]
    public void ParseOrderBy_SeveralEntries_KeepsPriorityOrder()
    {
        // The example of reference §7.2.
        var terms = RunSearchSyntax.ParseOrderBy(["metrics.rmse", "params.model DESC", "attributes.start_time DESC"]);

        Assert.Equal(["Metric|rmse|asc", "Param|model|desc", "Attribute|start_time|desc"], terms.Select(SearchClauseText.Of));
    }

    [Fact]
    public void ParseOrderBy_OneBadEntryAmongGood_ThrowsNamingTheBadOne()
    {
        var error = Assert.Throws<GyreException>(() => RunSearchSyntax.ParseOrderBy(["metrics.rmse", "params.model DOWN"]));

        Assert.Contains("'params.model DOWN'", error.Message, StringComparison.Ordinal);
    }
}
