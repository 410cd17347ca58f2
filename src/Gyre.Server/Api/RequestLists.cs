using Gyre.Tracking.Protocol;

namespace Gyre.Server.Api;

/// <summary>Converts the repeated fields of a request, naming each item in errors (<c>metrics[3]</c>); a null item is a missing value.</summary>
internal static class RequestLists
{
    public static List<TOut> Convert<TIn, TOut>(IReadOnlyList<TIn?>? items, string field, Func<TIn, string, TOut> convert)
        where TIn : class
    {
        if (items is null)
        {
            return [];
        }

        var result = new List<TOut>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var name = $"{field}[{i}]";
            result.Add(convert(items[i] ?? throw RequiredParameters.Missing(name), name));
        }

        return result;
    }
}
