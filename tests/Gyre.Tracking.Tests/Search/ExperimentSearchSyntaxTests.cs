using Gyre.Core;
using Gyre.Tracking.Search;

namespace Gyre.Tracking.Tests.Search;

public sealed class ExperimentSearchSyntaxTests
{
    /// <summary>
    /// The filters of MLflow tests/store/tracking/test_file_store.py::test_search_experiments_filter_by_attribute,
    /// _by_time_attribute, _by_attribute_and_tag and _by_tag, then the examples of MLflow's search-experiments docs.
    /// </summary>
    public static readonly TheoryData<string, string[]> ValidFilters = new()
    {
        { "name = 'a'", ["Attribute|name|Equal|str:a"] },
        { "attribute.name = 'a'", ["Attribute|name|Equal|str:a"] },
        { "attribute.`name` = 'a'", ["Attribute|name|Equal|str:a"] },
        { "attribute.`name` != 'a'", ["Attribute|name|NotEqual|str:a"] },
        { "name LIKE 'a%'", ["Attribute|name|Like|str:a%"] },
        { "name ILIKE 'a%' AND name ILIKE '%b'", ["Attribute|name|ILike|str:a%", "Attribute|name|ILike|str:%b"] },
        { "name LIKE \"jamie-foo C+%\"", ["Attribute|name|Like|str:jamie-foo C+%"] },
        { "creation_time = 1700000000123", ["Attribute|creation_time|Equal|num:1700000000123"] },
        { "creation_time != 5", ["Attribute|creation_time|NotEqual|num:5"] },
        { "creation_time >= 5 AND creation_time < 9", ["Attribute|creation_time|GreaterOrEqual|num:5", "Attribute|creation_time|Less|num:9"] },
        { "last_update_time <= 7", ["Attribute|last_update_time|LessOrEqual|num:7"] },
        { "last_update_time > 7", ["Attribute|last_update_time|Greater|num:7"] },
        { "name ILIKE 'exp%' AND tag.a = '1'", ["Attribute|name|ILike|str:exp%", "Tag|a|Equal|str:1"] },
        { "tag.key = 'value'", ["Tag|key|Equal|str:value"] },
        { "tag.`k e y` = 'value'", ["Tag|k e y|Equal|str:value"] },
        { "tag.\"k e y\" = 'value'", ["Tag|k e y|Equal|str:value"] },
        { "tag.key LIKE 'va%' AND tags.key LIKE '%Lue'", ["Tag|key|Like|str:va%", "Tag|key|Like|str:%Lue"] },
        { "tag.key ILIKE '%alu%'", ["Tag|key|ILike|str:%alu%"] },
        { "attributes.name LIKE 'x%' AND tags.group = 'y'", ["Attribute|name|Like|str:x%", "Tag|group|Equal|str:y"] },
        { "tags.group != 'x'", ["Tag|group|NotEqual|str:x"] },
        { "tags.mlflow.note.content ILIKE '%churn%'", ["Tag|mlflow.note.content|ILike|str:%churn%"] },
    };

    public static readonly TheoryData<string, string> InvalidFilters = new()
    {
        { "metrics.acc > 1", "Invalid entity type 'metrics'. Valid values are 'attribute', 'attributes', 'tag', 'tags'" },
        { "params.p = 'x'", "Invalid entity type 'params'" },
        { "run.name = 'x'", "Invalid entity type 'run'" },
        { "dataset.name = 'x'", "Invalid entity type 'dataset'" },
        { "experiment_id = '1'", "Invalid attribute key 'experiment_id' specified. Valid keys are 'name', 'creation_time', 'last_update_time'" },
        { "run_id = 'x'", "Invalid attribute key 'run_id'" },
        { "lifecycle_stage = 'active'", "Invalid attribute key 'lifecycle_stage'" },
        { "name > 'a'", "Invalid comparator '>' for attribute 'name'. Expected one of: =, !=, LIKE, ILIKE" },
        { "name IN ('a', 'b')", "Invalid comparator 'IN' for attribute 'name'" },
        { "tags.t IN ('a')", "Invalid comparator 'IN' for tag 't'" },
        { "creation_time LIKE 5", "Invalid comparator 'LIKE' for attribute 'creation_time'. Expected one of: =, !=, >, >=, <, <=" },
        { "creation_time = '5'", "Expected numeric value type for attribute 'creation_time'. Found '5'" },
        { "name = 5", "Expected a quoted string value for attribute 'name'" },
        { "name = a", "string value a of attribute 'name'" },
        { "name = 'a' OR name = 'b'", "Invalid clause(s) in filter string: 'name = 'a' OR name = 'b''" },
        { "name = 'a'; name = 'b'", "Search filter contained multiple expression" },
    };

    /// <summary>The order_by entries of test_search_experiments_order_by and _order_by_time_attribute, then Gyre's.</summary>
    public static readonly TheoryData<string, string> ValidOrderBy = new()
    {
        { "name", "Attribute|name|asc" },
        { "name ASC", "Attribute|name|asc" },
        { "name DESC", "Attribute|name|desc" },
        { "creation_time DESC", "Attribute|creation_time|desc" },
        { "creation_time ASC", "Attribute|creation_time|asc" },
        { "last_update_time asc", "Attribute|last_update_time|asc" },
        { "experiment_id desc", "Attribute|experiment_id|desc" },
        { "attribute.name", "Attribute|name|asc" },
        { "attributes.`last_update_time` DESC", "Attribute|last_update_time|desc" },
    };

    public static readonly TheoryData<string, string> InvalidOrderBy = new()
    {
        { "tags.team", "Invalid order_by entity 'tag' in order_by clause 'tags.team'" },
        { "metrics.acc", "Invalid entity type 'metrics'" },
        { "run_id", "Invalid attribute key 'run_id' specified. Valid keys are 'name', 'experiment_id', 'creation_time', 'last_update_time'" },
        { "lifecycle_stage DESC", "Invalid attribute key 'lifecycle_stage'" },
        { "name DESCENDING", "Invalid ordering key in order_by clause 'name DESCENDING'" },
        { "name ASC DESC", "Invalid order_by clause 'name ASC DESC'" },
        { "", "Invalid order_by clause ''" },
    };

    [Theory]
    [MemberData(nameof(ValidFilters))]
    public void ParseFilter_ValidFilter_ReturnsExactClauses(string filter, string[] expected)
    {
        Assert.Equal(expected, ExperimentSearchSyntax.ParseFilter(filter).Select(SearchClauseText.Of));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void ParseFilter_NullOrBlank_ReturnsNoClauses(string? filter)
    {
        Assert.Empty(ExperimentSearchSyntax.ParseFilter(filter));
    }

    [Theory]
    [MemberData(nameof(InvalidFilters))]
    public void ParseFilter_InvalidFilter_ThrowsInvalidInputNamingTheBadPart(string filter, string expectedMessagePart)
    {
        var error = Assert.Throws<GyreException>(() => ExperimentSearchSyntax.ParseFilter(filter));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expectedMessagePart, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ValidOrderBy))]
    public void ParseOrderBy_ValidEntry_ReturnsExactTerm(string entry, string expected)
    {
        Assert.Equal([expected], ExperimentSearchSyntax.ParseOrderBy([entry]).Select(SearchClauseText.Of));
    }

    [Theory]
    [MemberData(nameof(InvalidOrderBy))]
    public void ParseOrderBy_InvalidEntry_ThrowsInvalidInputNamingIt(string entry, string expectedMessagePart)
    {
        var error = Assert.Throws<GyreException>(() => ExperimentSearchSyntax.ParseOrderBy([entry]));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expectedMessagePart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseOrderBy_NullOrEmpty_ReturnsNoTerms()
    {
        Assert.Empty(ExperimentSearchSyntax.ParseOrderBy(null));
        Assert.Empty(ExperimentSearchSyntax.ParseOrderBy([]));
    }

    [Fact]
    public void ParseOrderBy_SeveralEntries_KeepsPriorityOrder()
    {
        // From test_search_experiments_order_by.
        var terms = ExperimentSearchSyntax.ParseOrderBy(["name", "last_update_time asc"]);

        Assert.Equal(["Attribute|name|asc", "Attribute|last_update_time|asc"], terms.Select(SearchClauseText.Of));
    }

    [Theory]
    [InlineData("metrics.acc > 1")]
    [InlineData("params.p = 'x'")]
    [InlineData("status = 'RUNNING'")]
    public void ParseFilter_RunOnlyIdentifier_IsRefusedForExperimentsButAcceptedForRuns(string filter)
    {
        Assert.Single(RunSearchSyntax.ParseFilter(filter));
        Assert.Throws<GyreException>(() => ExperimentSearchSyntax.ParseFilter(filter));
    }
}
