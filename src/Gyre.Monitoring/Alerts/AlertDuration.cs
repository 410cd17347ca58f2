using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Gyre.Monitoring.Alerts;

/// <summary>
/// Durations as written in rule files: one or more <c>&lt;integer&gt;&lt;unit&gt;</c> parts with unit
/// <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c>, e.g. <c>30s</c>, <c>15m</c>, <c>1h30m</c>, <c>1d</c>; <c>0</c> is zero.
/// </summary>
public static partial class AlertDuration
{
    /// <summary>Parses <paramref name="text"/>; false when it is not a duration as described above.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text == "0")
        {
            return true;
        }

        if (!Whole().IsMatch(text))
        {
            return false;
        }

        try
        {
            foreach (Match part in Part().Matches(text))
            {
                var amount = long.Parse(part.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
                duration += part.Groups[2].Value switch
                {
                    "ms" => TimeSpan.FromMilliseconds(amount),
                    "s" => TimeSpan.FromSeconds(amount),
                    "m" => TimeSpan.FromMinutes(amount),
                    "h" => TimeSpan.FromHours(amount),
                    _ => TimeSpan.FromDays(amount),
                };
            }
        }
        catch (Exception error) when (error is OverflowException or ArgumentOutOfRangeException)
        {
            return false;
        }

        return true;
    }

    /// <summary>Formats a duration the way <see cref="TryParse"/> reads it, e.g. <c>1h30m</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0";
        }

        var text = new StringBuilder();
        Append(text, duration.Days, "d");
        Append(text, duration.Hours, "h");
        Append(text, duration.Minutes, "m");
        Append(text, duration.Seconds, "s");
        Append(text, duration.Milliseconds, "ms");
        return text.ToString();
    }

    private static void Append(StringBuilder text, int amount, string unit)
    {
        if (amount != 0)
        {
            text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }

    [GeneratedRegex("^([0-9]+(ms|s|m|h|d))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Whole();

    [GeneratedRegex("([0-9]+)(ms|s|m|h|d)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
