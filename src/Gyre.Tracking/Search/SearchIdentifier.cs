using Gyre.Core;

namespace Gyre.Tracking.Search;

/// <summary>
/// The left-hand side of a clause or an order_by key, split as MLflow splits it: the first dot separates the
/// entity type from the key, so <c>tags.mlflow.runName</c> is type <c>tags</c>, key <c>mlflow.runName</c>, and a
/// path without a dot is a bare key (<see cref="Type"/> null, an attribute). Backticks around the type and quotes
/// around the key are already removed.
/// </summary>
internal sealed record SearchIdentifier(string? Type, string Key, string Raw)
{
    /// <summary>Reads a <see cref="SearchTokenKind.Path"/> token; throws InvalidInput for an empty key or a key mixing quoted and dotted parts.</summary>
    public static SearchIdentifier From(SearchToken path)
    {
        var segments = path.Segments;
        if (segments.Count == 1)
        {
            return new SearchIdentifier(null, RequireKey(segments[0].Text, path.Raw), path.Raw);
        }

        // MLflow strips backticks from the type but not other quotes, so "metrics".x names a type spelled with
        // quotes, which no vocabulary knows: keep them so the error shows what was written.
        var type = segments[0];
        var typeName = type.Quote is '"' or '\'' ? $"{type.Quote}{type.Text}{type.Quote}" : type.Text;

        string key;
        if (segments.Count == 2)
        {
            key = segments[1].Text;
        }
        else if (segments.Skip(1).All(segment => !segment.IsQuoted && segment.Text.Length > 0))
        {
            key = string.Join('.', segments.Skip(1).Select(segment => segment.Text));
        }
        else
        {
            throw InvalidIdentifier(path.Raw);
        }

        return new SearchIdentifier(typeName, RequireKey(key, path.Raw), path.Raw);
    }

    private static string RequireKey(string key, string raw) => key.Length > 0 ? key : throw InvalidIdentifier(raw);

    private static GyreException InvalidIdentifier(string raw) => GyreException.InvalidInput(
        $"Invalid identifier '{raw}'. Columns should be specified as 'attribute.<key>', 'metric.<key>', 'tag.<key>', " +
        "'dataset.<key>', or 'param.<key>'; quote a key holding special characters as a whole: metrics.\"my-key.v2\".");
}
