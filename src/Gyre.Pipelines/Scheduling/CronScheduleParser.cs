using System.Globalization;
using Gyre.Core;

namespace Gyre.Pipelines.Scheduling;

/// <summary>
/// Parses the five fields of a standard cron expression (Vixie cron syntax): <c>*</c>, values, lists
/// <c>1,5</c>, ranges <c>1-5</c>, steps <c>*/15</c>, <c>10-40/5</c> and <c>10/5</c> (= <c>10-59/5</c>, as croniter
/// reads it), month names JAN-DEC and day names SUN-SAT (any case), day-of-week 0-7 with 0 and 7 for Sunday (and
/// a range ending in SUN, such as <c>FRI-SUN</c>, ends at 7). Every error is a
/// <see cref="GyreException.InvalidInput"/> reading <c>cron 'EXPR': FIELD: problem</c>.
/// </summary>
internal static class CronScheduleParser
{
    public const string FieldNames = "minute hour day-of-month month day-of-week";

    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    private sealed record FieldSpec(string Name, int Min, int Max, string[]? Names, int NamesStartAt, string Hint);

    private static readonly FieldSpec[] Specs =
    [
        new("minute", 0, 59, null, 0, "0-59"),
        new("hour", 0, 23, null, 0, "0-23"),
        new("day-of-month", 1, 31, null, 0, "1-31"),
        new("month", 1, 12, MonthNames, 1, "1-12 or JAN-DEC"),
        new("day-of-week", 0, 7, DayNames, 0, "0-7 or SUN-SAT"),
    ];

    /// <summary>Splits and parses <paramref name="expression"/> (already trimmed) into its five fields, in order.</summary>
    public static CronScheduleField[] Parse(string expression)
    {
        var text = expression;
        if (text.StartsWith('@'))
        {
            if (!Macros.TryGetValue(text, out var expanded))
            {
                throw Fail(expression, null, $"unknown macro '{text}'; use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly");
            }

            text = expanded;
        }

        var parts = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != Specs.Length)
        {
            throw Fail(expression, null, $"expected 5 fields ({FieldNames}), found {parts.Length}");
        }

        var fields = new CronScheduleField[Specs.Length];
        for (var i = 0; i < Specs.Length; i++)
        {
            fields[i] = ParseField(expression, parts[i], Specs[i]);
        }

        return fields;
    }

    private static CronScheduleField ParseField(string expression, string text, FieldSpec spec)
    {
        ulong bits = 0;
        foreach (var item in text.Split(','))
        {
            bits |= ParseItem(expression, text, item, spec);
        }

        if (spec.Name == "day-of-week" && (bits & (1UL << 7)) != 0)
        {
            bits = (bits & ~(1UL << 7)) | 1UL; // 7 is Sunday, like 0
        }

        var max = spec.Name == "day-of-week" ? 6 : spec.Max;
        return new CronScheduleField(spec.Name, spec.Min, max, bits);
    }

    private static ulong ParseItem(string expression, string field, string item, FieldSpec spec)
    {
        if (item.Length == 0)
        {
            throw Fail(expression, spec.Name, $"empty list item in '{field}'");
        }

        var step = 1;
        var range = item;
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            range = item[..slash];
            var stepText = item[(slash + 1)..];
            if (!TryParseNumber(stepText, out step))
            {
                throw Fail(expression, spec.Name, $"step '{stepText}' in '{item}' is not a number");
            }

            if (step < 1)
            {
                throw Fail(expression, spec.Name, $"step must be >= 1 (got {step} in '{item}')");
            }
        }

        int low;
        int high;
        if (range == "*")
        {
            (low, high) = (spec.Min, spec.Max);
        }
        else
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            if (dash == 0)
            {
                throw Fail(expression, spec.Name, $"'{item}': negative values are not allowed");
            }

            if (dash > 0)
            {
                low = ParseValue(expression, range[..dash], spec);
                high = ParseValue(expression, range[(dash + 1)..], spec);
                if (spec.Name == "day-of-week" && high == 0 && low > 0)
                {
                    high = 7; // FRI-SUN
                }

                if (low > high)
                {
                    throw Fail(expression, spec.Name, $"range '{range}' runs backwards ({low} > {high})");
                }
            }
            else
            {
                low = ParseValue(expression, range, spec);
                high = slash >= 0 ? spec.Max : low; // "10/5" means "10-MAX/5"
            }
        }

        ulong bits = 0;
        for (var v = low; v <= high; v += step)
        {
            bits |= 1UL << v;
        }

        return bits;
    }

    private static int ParseValue(string expression, string text, FieldSpec spec)
    {
        int value;
        if (TryParseNumber(text, out value))
        {
            if (value < spec.Min || value > spec.Max)
            {
                throw Fail(expression, spec.Name, $"value {text} is out of range {spec.Min}-{spec.Max}");
            }

            return value;
        }

        if (spec.Names is not null)
        {
            var index = Array.FindIndex(spec.Names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                return index + spec.NamesStartAt;
            }
        }

        var what = text.Length == 0 ? "a missing value" : $"'{text}'";
        throw Fail(expression, spec.Name, $"{what} is not a valid value (expected {spec.Hint})");
    }

    private static bool TryParseNumber(string text, out int value)
    {
        value = 0;
        if (text.Length is 0 or > 6 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private static GyreException Fail(string expression, string? field, string problem) =>
        GyreException.InvalidInput(field is null ? $"cron '{expression}': {problem}" : $"cron '{expression}': {field}: {problem}");
}
