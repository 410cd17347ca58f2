namespace Gyre.Pipelines.Batch;

/// <summary>
/// A fast reader for the ISO 8601 forms batch files nearly always hold: "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss" and the
/// same with a trailing "Z". It gives exactly what <c>DateTime.TryParse(text, InvariantCulture, RoundtripKind)</c>
/// gives for them (Unspecified kind, or Utc with "Z"); any other text returns false and is left to that method.
/// </summary>
internal static class IsoDateTime
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTime value)
    {
        value = default;
        if (text.Length is not (10 or 19 or 20) || text[4] != '-' || text[7] != '-')
        {
            return false;
        }

        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (text.Length == 10)
        {
            value = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
            return true;
        }

        if (text[10] != 'T' || text[13] != ':' || text[16] != ':' || (text.Length == 20 && text[19] != 'Z')
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, text.Length == 20 ? DateTimeKind.Utc : DateTimeKind.Unspecified);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
