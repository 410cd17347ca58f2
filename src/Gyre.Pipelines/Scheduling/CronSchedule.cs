using Gyre.Core;

namespace Gyre.Pipelines.Scheduling;

/// <summary>
/// A standard 5-field cron schedule (minute hour day-of-month month day-of-week) with Vixie cron semantics,
/// evaluated on the wall clock of <see cref="TimeZone"/> (UTC unless given). Syntax: <c>*</c>, lists, ranges,
/// steps, month and day names, day-of-week 0-7, and the macros @yearly/@annually, @monthly, @weekly,
/// @daily/@midnight and @hourly (see <see cref="Parse(string, TimeZoneInfo?)"/>).
/// <para>
/// Days: when day-of-month and day-of-week are both restricted, a day matches if either matches (Vixie cron);
/// otherwise both must. A field counts as unrestricted when it allows every value of its range (<c>*</c>,
/// <c>*/1</c>, <c>1-31</c>, <c>0-7</c>), which is croniter's reading: so <c>*/2</c> in day-of-month is restricted
/// (Vixie cron would treat it as <c>*</c> because it starts with one).
/// </para>
/// <para>
/// Daylight saving time, as croniter does it within a day. Each matching wall-clock time is due once:
/// a wall time that occurs twice (clocks go back) is due at its first occurrence only, so the repeated hour does
/// not fire again; a wall time that does not exist (clocks go forward) is due where the old offset would put it,
/// i.e. shifted forward by the gap (02:30 in a one-hour gap at 02:00 is due at 03:30 new time). So a daily job
/// inside the gap still runs that day, and an hourly or */N job skips the missing hour (its shifted times
/// coincide with real ones and fire once). Due times are strictly increasing from call to call.
/// (croniter 1.3.5 also drifts daily jobs by an hour across a change; this class does not.)
/// </para>
/// <para>Searches walk the fields (month, day, hour, minute), not minute by minute, and look at most
/// <see cref="SearchYears"/> years away; an instance is immutable and safe to share between threads.</para>
/// </summary>
public sealed class CronSchedule
{
    /// <summary>How far <see cref="NextAfter"/> and <see cref="LatestAtOrBefore"/> look before giving up.</summary>
    public const int SearchYears = 5;

    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    private readonly CronScheduleField _minutes;
    private readonly CronScheduleField _hours;
    private readonly CronScheduleField _daysOfMonth;
    private readonly CronScheduleField _months;
    private readonly CronScheduleField _daysOfWeek;
    private readonly bool _dayOr;

    private CronSchedule(string expression, TimeZoneInfo timeZone, CronScheduleField[] fields)
    {
        Expression = expression;
        TimeZone = timeZone;
        (_minutes, _hours, _daysOfMonth, _months, _daysOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        _dayOr = !_daysOfMonth.IsUnrestricted && !_daysOfWeek.IsUnrestricted;
    }

    /// <summary>The expression as given (trimmed).</summary>
    public string Expression { get; }

    /// <summary>The zone whose wall clock the fields are matched against.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// Parses a 5-field cron expression or macro, to be evaluated in <paramref name="timeZone"/> (UTC when null).
    /// </summary>
    /// <exception cref="GyreException">InvalidInput naming the field and the value at fault, e.g.
    /// <c>cron '*/0 * * * *': minute: step must be &gt;= 1 (got 0 in '*/0')</c>.</exception>
    public static CronSchedule Parse(string expression, TimeZoneInfo? timeZone = null)
    {
        var trimmed = (expression ?? "").Trim();
        if (trimmed.Length == 0)
        {
            throw GyreException.InvalidInput($"cron '{expression}': expression is empty; expected 5 fields ({CronScheduleParser.FieldNames}) or a macro such as @daily");
        }

        return new CronSchedule(trimmed, timeZone ?? TimeZoneInfo.Utc, CronScheduleParser.Parse(trimmed));
    }

    /// <summary>
    /// The first due time strictly after <paramref name="after"/> (a whole minute), in <see cref="TimeZone"/>'s offset;
    /// null when there is none within <see cref="SearchYears"/> years (e.g. <c>0 0 30 2 *</c>).
    /// </summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        var start = WallMinute(after);
        var limit = start.Year + SearchYears >= DateTime.MaxValue.Year ? DateTime.MaxValue : start.AddYears(SearchYears);
        var afterUtc = after.UtcDateTime;

        // Wall times in a gap just before `after` are due up to one gap length later, so they may still be ahead.
        var from = start + OneMinute - GapEndingNear(after);
        DateTime? best = null;
        while (true)
        {
            var wall = NextMatchingWall(from, limit);
            if (wall is null)
            {
                return best is null ? null : ToZone(best.Value);
            }

            var due = DueInstant(wall.Value, out var inGap);
            if (due > afterUtc)
            {
                best = best is null || due < best ? due : best;
                if (!inGap)
                {
                    // Later existing wall times are due later still; any later gap is later too.
                    return ToZone(best.Value);
                }
            }

            from = wall.Value + OneMinute;
        }
    }

    /// <summary>
    /// The most recent due time at or before <paramref name="at"/>, in <see cref="TimeZone"/>'s offset, for a scheduler
    /// that wakes up late and fires once for the latest missed time; null when there is none within
    /// <see cref="SearchYears"/> years before it.
    /// </summary>
    public DateTimeOffset? LatestAtOrBefore(DateTimeOffset at)
    {
        var wallAt = WallMinute(at);
        var limit = wallAt.Year - SearchYears <= DateTime.MinValue.Year ? DateTime.MinValue : wallAt.AddYears(-SearchYears);
        var atUtc = at.UtcDateTime;
        var from = wallAt;
        if (TimeZone.IsAmbiguousTime(wallAt))
        {
            // In the second pass of a repeated hour, later wall times of the first pass are already past.
            var offsets = TimeZone.GetAmbiguousTimeOffsets(wallAt);
            var (min, max) = (offsets.Min(), offsets.Max());
            if (TimeZone.GetUtcOffset(at) < max)
            {
                from = wallAt + (max - min);
            }
        }

        var gap = GapEndingNear(at);
        DateTime? best = null;
        DateTime? stopBelow = null;
        while (true)
        {
            var wall = PrevMatchingWall(from, limit);
            if (wall is null || (stopBelow is not null && wall < stopBelow))
            {
                return best is null ? null : ToZone(best.Value);
            }

            var due = DueInstant(wall.Value, out var inGap);
            if (due <= atUtc)
            {
                best = best is null || due > best ? due : best;
                if (!inGap)
                {
                    if (gap == TimeSpan.Zero)
                    {
                        return ToZone(best.Value);
                    }

                    // A wall time up to one gap earlier, inside the gap, may be due later than this one.
                    stopBelow ??= wall.Value - gap;
                }
            }

            from = wall.Value - OneMinute;
        }
    }

    /// <summary>The expression, as <see cref="Expression"/>.</summary>
    public override string ToString() => Expression;

    private DateTime WallMinute(DateTimeOffset instant)
    {
        var wall = TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;
        return new DateTime(wall.Ticks - (wall.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Unspecified);
    }

    private DateTimeOffset ToZone(DateTime utc) => TimeZoneInfo.ConvertTime(new DateTimeOffset(utc, TimeSpan.Zero), TimeZone);

    /// <summary>
    /// The UTC instant a matching wall time is due at (see the class remarks on daylight saving time);
    /// <paramref name="inGap"/> tells whether the wall time does not exist (clocks went forward over it).
    /// </summary>
    private DateTime DueInstant(DateTime wall, out bool inGap)
    {
        inGap = TimeZone.IsInvalidTime(wall);
        TimeSpan offset;
        if (inGap)
        {
            var before = wall;
            do
            {
                before -= OneMinute; // back to the last wall time before the jump, for the old offset
            }
            while (TimeZone.IsInvalidTime(before));
            offset = TimeZone.GetUtcOffset(before);
        }
        else
        {
            offset = TimeZone.IsAmbiguousTime(wall) ? TimeZone.GetAmbiguousTimeOffsets(wall).Max() : TimeZone.GetUtcOffset(wall);
        }

        return DateTime.SpecifyKind(wall - offset, DateTimeKind.Utc);
    }

    /// <summary>How far the clocks jumped forward in the two days up to <paramref name="instant"/> (zero if they did not).</summary>
    private TimeSpan GapEndingNear(DateTimeOffset instant)
    {
        if (instant.UtcDateTime < DateTime.MinValue.AddDays(3))
        {
            return TimeSpan.Zero;
        }

        var jump = TimeZone.GetUtcOffset(instant) - TimeZone.GetUtcOffset(instant.AddDays(-2));
        return jump > TimeSpan.Zero ? jump : TimeSpan.Zero;
    }

    private bool DayMatches(int year, int month, int day)
    {
        var dayOfWeek = (int)new DateTime(year, month, day).DayOfWeek;
        return _dayOr
            ? _daysOfMonth.Contains(day) || _daysOfWeek.Contains(dayOfWeek)
            : _daysOfMonth.Contains(day) && _daysOfWeek.Contains(dayOfWeek);
    }

    /// <summary>The earliest matching wall time &gt;= <paramref name="from"/> and &lt;= <paramref name="limit"/>.</summary>
    private DateTime? NextMatchingWall(DateTime from, DateTime limit)
    {
        var (y, mo, d, h, mi) = (from.Year, from.Month, from.Day, from.Hour, from.Minute);
        while (true)
        {
            if (mo > 12)
            {
                (y, mo, d, h, mi) = (y + 1, 1, 1, 0, 0);
            }

            if (y > limit.Year)
            {
                return null;
            }

            var month = _months.NextAtOrAfter(mo);
            if (month < 0)
            {
                (y, mo, d, h, mi) = (y + 1, 1, 1, 0, 0);
                continue;
            }

            if (month != mo)
            {
                (mo, d, h, mi) = (month, 1, 0, 0);
            }

            var daysInMonth = DateTime.DaysInMonth(y, mo);
            var day = d;
            while (day <= daysInMonth && !DayMatches(y, mo, day))
            {
                day++;
            }

            if (day > daysInMonth)
            {
                (mo, d, h, mi) = (mo + 1, 1, 0, 0);
                continue;
            }

            if (day != d)
            {
                (d, h, mi) = (day, 0, 0);
            }

            var hour = _hours.NextAtOrAfter(h);
            if (hour < 0)
            {
                (d, h, mi) = (d + 1, 0, 0);
                continue;
            }

            if (hour != h)
            {
                (h, mi) = (hour, 0);
            }

            var minute = _minutes.NextAtOrAfter(mi);
            if (minute < 0)
            {
                (h, mi) = (h + 1, 0);
                if (h > 23)
                {
                    (d, h) = (d + 1, 0);
                }

                continue;
            }

            var found = new DateTime(y, mo, d, h, minute, 0, DateTimeKind.Unspecified);
            return found <= limit ? found : null;
        }
    }

    /// <summary>The latest matching wall time &lt;= <paramref name="from"/> and &gt;= <paramref name="limit"/>.</summary>
    private DateTime? PrevMatchingWall(DateTime from, DateTime limit)
    {
        var (y, mo, d, h, mi) = (from.Year, from.Month, from.Day, from.Hour, from.Minute);
        while (true)
        {
            if (mo < 1)
            {
                (y, mo, d, h, mi) = (y - 1, 12, 31, 23, 59);
            }

            if (y < limit.Year)
            {
                return null;
            }

            var month = _months.PrevAtOrBefore(mo);
            if (month < 0)
            {
                (y, mo, d, h, mi) = (y - 1, 12, 31, 23, 59);
                continue;
            }

            if (month != mo)
            {
                (mo, d, h, mi) = (month, 31, 23, 59);
            }

            var daysInMonth = DateTime.DaysInMonth(y, mo);
            if (d > daysInMonth)
            {
                (d, h, mi) = (daysInMonth, 23, 59);
            }

            var day = d;
            while (day >= 1 && !DayMatches(y, mo, day))
            {
                day--;
            }

            if (day < 1)
            {
                (mo, d, h, mi) = (mo - 1, 31, 23, 59);
                continue;
            }

            if (day != d)
            {
                (d, h, mi) = (day, 23, 59);
            }

            var hour = _hours.PrevAtOrBefore(h);
            if (hour < 0)
            {
                (d, h, mi) = (d - 1, 23, 59);
                if (d < 1)
                {
                    (mo, d) = (mo - 1, 31);
                }

                continue;
            }

            if (hour != h)
            {
                (h, mi) = (hour, 59);
            }

            var minute = _minutes.PrevAtOrBefore(mi);
            if (minute < 0)
            {
                (h, mi) = (h - 1, 59);
                if (h < 0)
                {
                    (d, h) = (d - 1, 23);
                    if (d < 1)
                    {
                        (mo, d) = (mo - 1, 31);
                    }
                }

                continue;
            }

            var found = new DateTime(y, mo, d, h, minute, 0, DateTimeKind.Unspecified);
            return found >= limit ? found : null;
        }
    }
}
