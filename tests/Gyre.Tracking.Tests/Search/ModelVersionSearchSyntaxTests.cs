using Gyre.Core;
using Gyre.Tracking.Search;

namespace Gyre.Tracking.Tests.Search;

public sealed class ModelVersionSearchSyntaxTests
{
    /// <summary>Filters of MLflow's model-versions search (reference §7.4).</summary>
    public static readonly TheoryData<string, string[]> ValidFilters = new()
    {
        { "name = 'fraud'", ["Attribute|name|Equal|str:fraud"] },
        { "version_number = 3", ["Attribute|version_number|Equal|num:3"] },
        { "version_number >= 2 AND version_number < 5", ["Attribute|version_number|GreaterOrEqual|num:2", "Attribute|version_number|Less|num:5"] },
        { "run_id = 'abc'", ["Attribute|run_id|Equal|str:abc"] },
        { "run_id IN ('a', \"b\")", ["Attribute|run_id|In|list:a,b"] },
        { "run_id NOT IN ('a')", ["Attribute|run_id|NotIn|list:a"] },
        { "source_path LIKE 's3://%'", ["Attribute|source_path|Like|str:s3://%"] },
        { "tags.validated = 'yes' AND name ILIKE 'F%'", ["Tag|validated|Equal|str:yes", "Attribute|name|ILike|str:F%"] },
    };

    public static readonly TheoryData<string, string> InvalidFilters = new()
    {
        { "version = 1", "Invalid attribute key 'version' specified. Valid keys are 'name', 'version_number', 'run_id', 'source_path'" },
        { "version_number = '1'", "Expected numeric value type for attribute 'version_number'" },
        { "version_number LIKE 1", "Invalid comparator 'LIKE' for attribute 'version_number'" },
        { "name IN ('a')", "Invalid comparator 'IN' for attribute 'name'" },
        { "source_path IN ('a')", "Invalid comparator 'IN' for attribute 'source_path'" },
        { "run_id IN ()", "an empty list" },
        { "params.p = 'x'", "Invalid entity type 'params'" },
    };

    public static readonly TheoryData<string, string> ValidOrderBy = new()
    {
        { "name", "Attribute|name|asc" },
        { "version_number DESC", "Attribute|version_number|desc" },
        { "creation_timestamp", "Attribute|creation_timestamp|asc" },
        { "last_updated_timestamp DESC", "Attribute|last_updated_timestamp|desc" },
        { "timestamp", "Attribute|last_updated_timestamp|asc" },
    };

    public static readonly TheoryData<string, string> InvalidOrderBy = new()
    {
        { "tags.k", "Invalid order_by entity 'tag'" },
        { "run_id", "Invalid attribute key 'run_id'" },
        { "version_number ASC DESC", "Invalid order_by clause 'version_number ASC DESC'" },
    };

    [Theory]
    [MemberData(nameof(ValidFilters))]
    public void ParseFilter_ValidFilter_ReturnsExactClauses(string filter, string[] expected) =>
        Assert.Equal(expected, ModelVersionSearchSyntax.ParseFilter(filter).Select(SearchClauseText.Of));

    [Theory]
    [MemberData(nameof(InvalidFilters))]
    public void ParseFilter_InvalidFilter_ThrowsInvalidInputNamingTheBadPart(string filter, string expectedMessagePart)
    {
        var error = Assert.Throws<GyreException>(() => ModelVersionSearchSyntax.ParseFilter(filter));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expectedMessagePart, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ValidOrderBy))]
    public void ParseOrderBy_ValidEntry_ReturnsExactTerm(string entry, string expected) =>
        Assert.Equal([expected], ModelVersionSearchSyntax.ParseOrderBy([entry]).Select(SearchClauseText.Of));

    [Theory]
    [MemberData(nameof(InvalidOrderBy))]
    public void ParseOrderBy_InvalidEntry_ThrowsInvalidInputNamingIt(string entry, string expectedMessagePart)
    {
        var error = Assert.Throws<GyreException>(() => ModelVersionSearchSyntax.ParseOrderBy([entry]));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expectedMessagePart, error.Message, StringComparison.Ordinal);
    }
}
