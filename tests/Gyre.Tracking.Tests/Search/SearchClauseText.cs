using System.Globalization;
using Gyre.Tracking.Search;

namespace Gyre.Tracking.Tests.Search;

/// <summary>
/// A one-line spelling of a parsed clause or order term, so table rows state the exact expected result as text
/// (serializable theory data, readable failures): <c>Metric|acc|GreaterOrEqual|num:0.94</c>,
/// <c>Param|m|NotEqual|str:tf</c>, <c>Attribute|run_id|In|list:a,b</c>, <c>Metric|rmse|desc</c>.
/// </summary>
internal static class SearchClauseText
{
    public static string Of(SearchClause clause) =>
        string.Join('|', clause.Entity, clause.Key, clause.Comparator, Of(clause.Value));

    public static string Of(OrderTerm term) => string.Join('|', term.Entity, term.Key, term.Ascending ? "asc" : "desc");

    private static string Of(SearchValue value)
    {
        var kinds = (value.Number is null ? 0 : 1) + (value.Text is null ? 0 : 1) + (value.List is null ? 0 : 1);
        Assert.Equal(1, kinds);
        return value.Number is { } number ? $"num:{number.ToString("R", CultureInfo.InvariantCulture)}"
            : value.Text is { } text ? $"str:{text}"
            : $"list:{string.Join(',', value.List!)}";
    }
}
