using System.Globalization;
using System.Net;
using System.Text;

namespace Gyre.Monitoring.Reports;

/// <summary>Text and number formatting for the HTML report: HTML-encoded, invariant culture, 4 significant digits.</summary>
internal static class HtmlText
{
    /// <summary>Shown for a missing number.</summary>
    public const string Missing = "—";

    /// <summary><paramref name="text"/> safe inside element content and double-quoted attributes.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>4 significant digits, invariant culture; "∞", "−∞" or "—" for non-finite values.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "−∞",
        _ when double.IsNaN(value) => Missing,
        _ => value.ToString("G4", CultureInfo.InvariantCulture),
    };

    public static string Number(double? value) => value is { } v ? Number(v) : Missing;

    public static string Integer(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A share in [0, 1] as a percentage with 4 significant digits.</summary>
    public static string Percent(double share) => Number(share * 100) + "%";

    /// <summary>An SVG coordinate with one decimal (compact output).</summary>
    public static string Coordinate(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Unix milliseconds as UTC, e.g. "2026-01-02 03:04:05Z".</summary>
    public static string Time(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Unix milliseconds as UTC to the minute, e.g. "2026-01-02 03:04Z" (chart axes).</summary>
    public static string ShortTime(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    /// <summary>An instant as ISO 8601 UTC, e.g. "2026-01-02T03:04:05Z".</summary>
    public static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="text"/> cut to <paramref name="maxLength"/> characters by an ellipsis in the middle, so names that share a
    /// long prefix stay distinct (not encoded).
    /// </summary>
    public static string TruncateMiddle(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var tail = (maxLength - 1) / 2;
        var head = maxLength - 1 - tail;
        return string.Concat(text.AsSpan(0, head), "…", text.AsSpan(text.Length - tail));
    }

    /// <summary><paramref name="text"/> cut to <paramref name="maxLength"/> characters with an ellipsis (not encoded).</summary>
    public static string Truncate(string text, int maxLength) =>
        text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1), "…");

    /// <summary>A right-aligned number cell whose exact value (when finite) sorts numerically.</summary>
    public static void NumberCell(StringBuilder html, double? value)
    {
        html.Append("<td class=\"n\"");
        if (value is { } v && double.IsFinite(v))
        {
            html.Append(" data-v=\"").Append(v.ToString("R", CultureInfo.InvariantCulture)).Append('"');
        }

        html.Append('>').Append(Number(value)).Append("</td>");
    }
}
