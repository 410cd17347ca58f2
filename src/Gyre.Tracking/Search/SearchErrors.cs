using Gyre.Core;

namespace Gyre.Tracking.Search;

/// <summary>
/// The InvalidInput errors of the search grammar, worded like MLflow's (so its users recognise them) and always
/// quoting the user's own text.
/// </summary>
internal static class SearchErrors
{
    public static string EntityNoun(SearchEntity entity) => entity switch
    {
        SearchEntity.Metric => "metric",
        SearchEntity.Param => "parameter",
        SearchEntity.Tag => "tag",
        SearchEntity.Attribute => "attribute",
        SearchEntity.Dataset => "dataset",
        _ => throw new ArgumentOutOfRangeException(nameof(entity), entity, null),
    };

    /// <summary><paramref name="raw"/> in single quotes unless it already starts with a quote.</summary>
    public static string Quoted(string raw) => raw.StartsWith('\'') || raw.StartsWith('"') ? raw : $"'{raw}'";

    public static GyreException InvalidClause(string clause) =>
        GyreException.InvalidInput($"Invalid clause(s) in filter string: '{clause}'. A filter is clauses like metrics.acc > 0.9 joined by AND.");

    public static GyreException DanglingAnd(string filter, int position) => GyreException.InvalidInput(
        $"Invalid clause(s) in filter string: 'AND' at character {position + 1} of '{filter}' must stand between two clauses.");

    public static GyreException MultipleExpressions(string filter) => GyreException.InvalidInput(
        $"Search filter contained multiple expression '{filter}'. Provide AND-ed expression list.");

    public static GyreException ExpectedIdentifier(string clause, string found) => GyreException.InvalidInput(
        $"Invalid comparison clause '{clause}'. Expected 'Identifier' found {Quoted(found)}.");

    public static GyreException InvalidEntityType(string type, string validTypes) =>
        GyreException.InvalidInput($"Invalid entity type '{type}'. Valid values are {validTypes}.");

    public static GyreException InvalidAttributeKey(string key, IEnumerable<string> validKeys) => GyreException.InvalidInput(
        $"Invalid attribute key '{key}' specified. Valid keys are {string.Join(", ", validKeys.Select(k => $"'{k}'"))}.");

    public static GyreException InvalidDatasetKey(string key, IEnumerable<string> validKeys) => GyreException.InvalidInput(
        $"Invalid dataset key '{key}' specified. Valid keys are {string.Join(", ", validKeys.Select(k => $"'{k}'"))}.");

    public static GyreException InvalidComparator(string comparator, SearchField field) => GyreException.InvalidInput(
        $"Invalid comparator '{comparator}' for {field.Description}. Expected one of: " +
        $"{string.Join(", ", field.Comparators.Select(SearchComparators.Spelling))}.");

    public static GyreException ExpectedNumber(SearchField field, string raw) => GyreException.InvalidInput(
        $"Expected numeric value type for {field.Description}. Found {Quoted(raw)}.");

    public static GyreException NumberOutOfRange(SearchField field, string raw) => GyreException.InvalidInput(
        $"Numeric value '{raw}' for {field.Description} is out of range.");

    public static GyreException ExpectedQuotedString(SearchField field, string raw) => GyreException.InvalidInput(
        $"Expected a quoted string value for {field.Description} (e.g. 'my-value'). Got value {raw}.");

    public static GyreException NotQuoted(SearchField field, string raw) => GyreException.InvalidInput(
        $"The value is either not quoted or unidentified quote types used for string value {raw} of {field.Description}. " +
        "Use either single or double quotes.");

    public static GyreException ExpectedList(SearchField field, string comparator, string found) => GyreException.InvalidInput(
        $"Expected a list of quoted strings like ('a', 'b') after '{comparator}' for {field.Description}. Found {Quoted(found)}.");

    public static GyreException IllFormedList(string list, string problem) => GyreException.InvalidInput(
        $"While parsing a list in the query, expected a non-empty list of quoted string values, but got {problem}: {list}");

    public static GyreException InvalidOrderBy(string entry) =>
        GyreException.InvalidInput($"Invalid order_by clause '{entry}'. Could not be parsed.");

    public static GyreException InvalidOrderingKey(string entry) => GyreException.InvalidInput(
        $"Invalid ordering key in order_by clause '{entry}'. Expected ASC or DESC.");
}
