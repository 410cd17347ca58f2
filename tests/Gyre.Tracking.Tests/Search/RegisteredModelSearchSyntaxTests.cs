using Gyre.Core;
using Gyre.Tracking.Search;

namespace Gyre.Tracking.Tests.Search;

public sealed class RegisteredModelSearchSyntaxTests
{
    /// <summary>Filters of MLflow's registered-models search (reference §7.3): name and tags with = != LIKE ILIKE.</summary>
    public static readonly TheoryData<string, string[]> ValidFilters = new()
    {
        { "name = 'fraud'", ["Attribute|name|Equal|str:fraud"] },
        { "name != 'fraud'", ["Attribute|name|NotEqual|str:fraud"] },
        { "name LIKE 'fr%'", ["Attribute|name|Like|str:fr%"] },
        { "attributes.name ILIKE '%FR%'", ["Attribute|name|ILike|str:%FR%"] },
        { "tags.team = 'risk'", ["Tag|team|Equal|str:risk"] },
        { "tag.`owner name` LIKE 'a%' AND name = \"x\"", ["Tag|owner name|Like|str:a%", "Attribute|name|Equal|str:x"] },
    };

    public static readonly TheoryData<string, string> InvalidFilters = new()
    {
        { "version_number = 1", "Invalid attribute key 'version_number' specified. Valid keys are 'name'" },
        { "run_id = 'a'", "Invalid attribute key 'run_id'" },
        { "metrics.auc > 1", "Invalid entity type 'metrics'" },
        { "name IN ('a')", "Invalid comparator 'IN' for attribute 'name'" },
        { "name > 'a'", "Invalid comparator '>' for attribute 'name'" },
        { "name = 5", "Expected a quoted string value for attribute 'name'" },
        { "name = 'a' OR name = 'b'", "Invalid clause(s) in filter string" },
    };

    public static readonly TheoryData<string, string> ValidOrderBy = new()
    {
        { "name", "Attribute|name|asc" },
        { "name DESC", "Attribute|name|desc" },
        { "creation_timestamp desc", "Attribute|creation_timestamp|desc" },
        { "last_updated_timestamp", "Attribute|last_updated_timestamp|asc" },
        { "timestamp DESC", "Attribute|last_updated_timestamp|desc" },
    };

    public static readonly TheoryData<string, string> InvalidOrderBy = new()
    {
        { "tags.team", "Invalid order_by entity 'tag'" },
        { "version_number", "Invalid attribute key 'version_number'" },
        { "name SIDEWAYS", "Invalid ordering key in order_by clause 'name SIDEWAYS'" },
    };

    [Theory]
    [MemberData(nameof(ValidFilters))]
    public void ParseFilter_ValidFilter_ReturnsExactClauses(string filter, string[] expected) =>
        Assert.Equal(expected, RegisteredModelSearchSyntax.ParseFilter(filter).Select(SearchClauseText.Of));

    [Theory]
    [MemberData(nameof(InvalidFilters))]
    public void ParseFilter_InvalidFilter_ThrowsInvalidInputNamingTheBadPart(string filter, string expectedMessagePart)
    {
        var error = Assert.Throws<GyreException>(() => RegisteredModelSearchSyntax.ParseFilter(filter));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expectedMessagePart, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ValidOrderBy))]
    public void ParseOrderBy_ValidEntry_ReturnsExactTerm(string entry, string expected) =>
        Assert.Equal([expected], RegisteredModelSearchSyntax.ParseOrderBy([entry]).Select(SearchClauseText.Of));

    [Theory]
    [MemberData(nameof(InvalidOrderBy))]
    public void ParseOrderBy_InvalidEntry_ThrowsInvalidInputNamingIt(string entry, string expectedMessagePart)
    {
        var error = Assert.Throws<GyreException>(() => RegisteredModelSearchSyntax.ParseOrderBy([entry]));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expectedMessagePart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFilter_Blank_ReturnsNoClauses() => Assert.Empty(RegisteredModelSearchSyntax.ParseFilter(" "));
}
