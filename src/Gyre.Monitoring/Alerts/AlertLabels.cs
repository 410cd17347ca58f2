using System.Text;

namespace Gyre.Monitoring.Alerts;

/// <summary>The canonical text form of a label set: pairs sorted by name (ordinal), unambiguous under any content.</summary>
internal static class AlertLabels
{
    public static string Canonical(IReadOnlyDictionary<string, string> labels)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in labels.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append(key.Length).Append(':').Append(key).Append('=').Append(value.Length).Append(':').Append(value).Append(';');
        }

        return text.ToString();
    }

    public static SortedDictionary<string, string> Copy(IReadOnlyDictionary<string, string> labels) =>
        new(labels.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal), StringComparer.Ordinal);
}
