using System.Globalization;
using System.Text.RegularExpressions;

namespace Gyre.Data.Schema;

/// <summary>
/// How raw text becomes a typed value; shared by inference, loading and validation so they always agree.
/// Invariant culture throughout. Thread-safe.
/// </summary>
public static partial class ColumnValueParser
{
    /// <summary>Invariant-culture floating point (sign, decimals, exponent; surrounding white space allowed; no thousands separators).</summary>
    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>true/false, yes/no, t/f, y/n, ignoring case and surrounding white space. 0/1 are not booleans.</summary>
    public static bool TryParseBoolean(string text, out bool value)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.AsSpan().Trim();
        if (t.Equals("true", StringComparison.OrdinalIgnoreCase) || t.Equals("yes", StringComparison.OrdinalIgnoreCase) ||
            t.Equals("t", StringComparison.OrdinalIgnoreCase) || t.Equals("y", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return t.Equals("false", StringComparison.OrdinalIgnoreCase) || t.Equals("no", StringComparison.OrdinalIgnoreCase) ||
            t.Equals("f", StringComparison.OrdinalIgnoreCase) || t.Equals("n", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// ISO 8601 dates and date-times: <c>yyyy-MM-dd</c>, optionally followed by <c>T</c> or a space and
    /// <c>HH:mm[:ss[.fffffff]]</c>, optionally followed by <c>Z</c> or an offset (<c>+hh:mm</c>, <c>+hhmm</c>, <c>+hh</c>).
    /// Values with an offset are converted to UTC; values without one are taken as UTC. The result's Kind is Utc.
    /// </summary>
    public static bool TryParseDateTime(string text, out DateTime value)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (!IsoDateTime().IsMatch(t))
        {
            value = default;
            return false;
        }

        return DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTime();
}
