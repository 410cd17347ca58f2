using System.Diagnostics;
using System.Globalization;
using Gyre.Core;
using Gyre.Pipelines.Scheduling;

namespace Gyre.Cli.Tests.Pipelines;

/// <summary>
/// Cron schedules: croniter's answers for varied expressions (steps, lists, names, macros, the day-of-month OR
/// day-of-week rule, Feb 29, month ends, DST days), our documented DST rules where croniter 1.3.5 is off,
/// LatestAtOrBefore, and errors naming the field and value.
/// </summary>
public sealed class CronScheduleTests
{
    // Known answers from python3-croniter 1.3.5 (Debian's package), run with /usr/bin/python3; croniter's get_next is
    // strictly after the start, its get_prev strictly before. The script that printed the two tables below:
    //   # Known answers for tests/Gyre.Cli.Tests/Pipelines/CronScheduleTests.cs (python3-croniter 1.3.5, Debian).
    //   from croniter import croniter
    //   from datetime import datetime, timezone
    //   from zoneinfo import ZoneInfo
    //   UTC = timezone.utc
    //   rows = [
    //       ("* * * * *", "2024-01-01T00:00"),
    //       ("*/15 * * * *", "2024-01-01T00:07"),
    //       ("10-40/5 * * * *", "2024-01-01T00:38"),
    //       ("5/20 * * * *", "2024-01-01T00:46"),
    //       ("1,5,59 * * * *", "2024-01-01T23:58"),
    //       ("0 */6 * * *", "2024-01-01T05:00"),
    //       ("30 9-17 * * MON-FRI", "2024-03-01T16:45"),
    //       ("0 0 * * 7", "2024-01-01T00:00"),
    //       ("0 0 * * 0", "2024-01-01T00:00"),
    //       ("0 12 * * sat,Sun", "2024-06-01T12:00"),
    //       ("0 0 * * FRI-SUN", "2024-06-03T00:00"),
    //       ("0 0 13 * FRI", "2024-01-01T00:00"),
    //       ("0 0 1,15 * 3", "2024-05-01T00:00"),
    //       ("0 0 */2 * MON", "2024-05-01T00:00"),
    //       ("0 0 29 2 *", "2024-03-01T00:00"),
    //       ("0 0 29 2 1", "2024-01-01T00:00"),
    //       ("0 0 31 * *", "2024-01-31T00:00"),
    //       ("59 23 30 * *", "2024-01-01T00:00"),
    //       ("0 0 28-31 * *", "2024-02-27T00:00"),
    //       ("15 3 * jan,JUL *", "2024-01-31T03:15"),
    //       ("0 0 1 jan-mar/2 *", "2024-01-01T00:00"),
    //       ("0 8 1-7 * 1", "2024-09-01T00:00"),
    //       ("0 0 * * 1-5/2", "2024-01-01T00:00"),
    //       ("@yearly", "2024-06-15T10:00"),
    //       ("@annually", "2024-12-31T23:59"),
    //       ("@monthly", "2024-01-31T00:00"),
    //       ("@weekly", "2024-01-03T10:00"),
    //       ("@daily", "2024-02-28T00:00"),
    //       ("@midnight", "2024-12-30T12:00"),
    //       ("@hourly", "2024-12-31T22:30"),
    //       ("0 0 1-7 * SUN", "2024-12-01T00:00"),
    //       ("0-5 0 * * *", "2024-01-01T00:03"),
    //   ]
    //   dst_rows = [
    //       ("America/New_York", "*/30 * * * *", "2024-03-10T00:50"),
    //       ("America/New_York", "0 * * * *", "2024-03-10T00:10"),
    //       ("America/New_York", "*/30 * * * *", "2024-11-03T00:50"),
    //       ("America/New_York", "0 * * * *", "2024-11-03T00:10"),
    //       ("Europe/Berlin", "15 * * * *", "2024-03-31T00:30"),
    //       ("Europe/Berlin", "15,45 * * * *", "2024-10-27T01:30"),
    //   ]
    //   def cs(d):
    //       return '"' + d.isoformat() + '"'
    //   for expr, start in rows:
    //       s = datetime.fromisoformat(start).replace(tzinfo=UTC)
    //       it = croniter(expr, s)
    //       nxt = [it.get_next(datetime) for _ in range(5)]
    //       it = croniter(expr, s)
    //       prv = []
    //       for _ in range(3):
    //           try:
    //               p = it.get_prev(datetime)
    //           except Exception:
    //               break
    //           if p.year < s.year - 4:  # keep within LatestAtOrBefore's 5-year search
    //               break
    //           prv.append(p)
    //       print('        { "%s", "%s", [%s], [%s] },' % (expr, s.isoformat(), ", ".join(cs(d) for d in nxt), ", ".join(cs(d) for d in prv)))
    //   print()
    //   for zone, expr, start in dst_rows:
    //       s = datetime.fromisoformat(start).replace(tzinfo=ZoneInfo(zone))
    //       it = croniter(expr, s)
    //       nxt = [it.get_next(datetime) for _ in range(5)]
    //       print('        { "%s", "%s", "%s", [%s] },' % (zone, expr, s.isoformat(), ", ".join(cs(d) for d in nxt)))

    /// <summary>Expression, start (UTC), croniter's next 5 times, croniter's previous times (within 5 years).</summary>
    public static TheoryData<string, string, string[], string[]> UtcAnswers => new()
    {
        { "* * * * *", "2024-01-01T00:00:00+00:00", ["2024-01-01T00:01:00+00:00", "2024-01-01T00:02:00+00:00", "2024-01-01T00:03:00+00:00", "2024-01-01T00:04:00+00:00", "2024-01-01T00:05:00+00:00"], ["2023-12-31T23:59:00+00:00", "2023-12-31T23:58:00+00:00", "2023-12-31T23:57:00+00:00"] },
        { "*/15 * * * *", "2024-01-01T00:07:00+00:00", ["2024-01-01T00:15:00+00:00", "2024-01-01T00:30:00+00:00", "2024-01-01T00:45:00+00:00", "2024-01-01T01:00:00+00:00", "2024-01-01T01:15:00+00:00"], ["2024-01-01T00:00:00+00:00", "2023-12-31T23:45:00+00:00", "2023-12-31T23:30:00+00:00"] },
        { "10-40/5 * * * *", "2024-01-01T00:38:00+00:00", ["2024-01-01T00:40:00+00:00", "2024-01-01T01:10:00+00:00", "2024-01-01T01:15:00+00:00", "2024-01-01T01:20:00+00:00", "2024-01-01T01:25:00+00:00"], ["2024-01-01T00:35:00+00:00", "2024-01-01T00:30:00+00:00", "2024-01-01T00:25:00+00:00"] },
        { "5/20 * * * *", "2024-01-01T00:46:00+00:00", ["2024-01-01T01:05:00+00:00", "2024-01-01T01:25:00+00:00", "2024-01-01T01:45:00+00:00", "2024-01-01T02:05:00+00:00", "2024-01-01T02:25:00+00:00"], ["2024-01-01T00:45:00+00:00", "2024-01-01T00:25:00+00:00", "2024-01-01T00:05:00+00:00"] },
        { "1,5,59 * * * *", "2024-01-01T23:58:00+00:00", ["2024-01-01T23:59:00+00:00", "2024-01-02T00:01:00+00:00", "2024-01-02T00:05:00+00:00", "2024-01-02T00:59:00+00:00", "2024-01-02T01:01:00+00:00"], ["2024-01-01T23:05:00+00:00", "2024-01-01T23:01:00+00:00", "2024-01-01T22:59:00+00:00"] },
        { "0 */6 * * *", "2024-01-01T05:00:00+00:00", ["2024-01-01T06:00:00+00:00", "2024-01-01T12:00:00+00:00", "2024-01-01T18:00:00+00:00", "2024-01-02T00:00:00+00:00", "2024-01-02T06:00:00+00:00"], ["2024-01-01T00:00:00+00:00", "2023-12-31T18:00:00+00:00", "2023-12-31T12:00:00+00:00"] },
        { "30 9-17 * * MON-FRI", "2024-03-01T16:45:00+00:00", ["2024-03-01T17:30:00+00:00", "2024-03-04T09:30:00+00:00", "2024-03-04T10:30:00+00:00", "2024-03-04T11:30:00+00:00", "2024-03-04T12:30:00+00:00"], ["2024-03-01T16:30:00+00:00", "2024-03-01T15:30:00+00:00", "2024-03-01T14:30:00+00:00"] },
        { "0 0 * * 7", "2024-01-01T00:00:00+00:00", ["2024-01-07T00:00:00+00:00", "2024-01-14T00:00:00+00:00", "2024-01-21T00:00:00+00:00", "2024-01-28T00:00:00+00:00", "2024-02-04T00:00:00+00:00"], ["2023-12-31T00:00:00+00:00", "2023-12-24T00:00:00+00:00", "2023-12-17T00:00:00+00:00"] },
        { "0 0 * * 0", "2024-01-01T00:00:00+00:00", ["2024-01-07T00:00:00+00:00", "2024-01-14T00:00:00+00:00", "2024-01-21T00:00:00+00:00", "2024-01-28T00:00:00+00:00", "2024-02-04T00:00:00+00:00"], ["2023-12-31T00:00:00+00:00", "2023-12-24T00:00:00+00:00", "2023-12-17T00:00:00+00:00"] },
        { "0 12 * * sat,Sun", "2024-06-01T12:00:00+00:00", ["2024-06-02T12:00:00+00:00", "2024-06-08T12:00:00+00:00", "2024-06-09T12:00:00+00:00", "2024-06-15T12:00:00+00:00", "2024-06-16T12:00:00+00:00"], ["2024-05-26T12:00:00+00:00", "2024-05-25T12:00:00+00:00", "2024-05-19T12:00:00+00:00"] },
        { "0 0 * * FRI-SUN", "2024-06-03T00:00:00+00:00", ["2024-06-07T00:00:00+00:00", "2024-06-08T00:00:00+00:00", "2024-06-09T00:00:00+00:00", "2024-06-14T00:00:00+00:00", "2024-06-15T00:00:00+00:00"], ["2024-06-02T00:00:00+00:00", "2024-06-01T00:00:00+00:00", "2024-05-31T00:00:00+00:00"] },
        { "0 0 13 * FRI", "2024-01-01T00:00:00+00:00", ["2024-01-05T00:00:00+00:00", "2024-01-12T00:00:00+00:00", "2024-01-13T00:00:00+00:00", "2024-01-19T00:00:00+00:00", "2024-01-26T00:00:00+00:00"], ["2023-12-29T00:00:00+00:00", "2023-12-22T00:00:00+00:00", "2023-12-15T00:00:00+00:00"] },
        { "0 0 1,15 * 3", "2024-05-01T00:00:00+00:00", ["2024-05-08T00:00:00+00:00", "2024-05-15T00:00:00+00:00", "2024-05-22T00:00:00+00:00", "2024-05-29T00:00:00+00:00", "2024-06-01T00:00:00+00:00"], ["2024-04-24T00:00:00+00:00", "2024-04-17T00:00:00+00:00", "2024-04-15T00:00:00+00:00"] },
        { "0 0 */2 * MON", "2024-05-01T00:00:00+00:00", ["2024-05-03T00:00:00+00:00", "2024-05-05T00:00:00+00:00", "2024-05-06T00:00:00+00:00", "2024-05-07T00:00:00+00:00", "2024-05-09T00:00:00+00:00"], ["2024-04-29T00:00:00+00:00", "2024-04-27T00:00:00+00:00", "2024-04-25T00:00:00+00:00"] },
        { "0 0 29 2 *", "2024-03-01T00:00:00+00:00", ["2028-02-29T00:00:00+00:00", "2032-02-29T00:00:00+00:00", "2036-02-29T00:00:00+00:00", "2040-02-29T00:00:00+00:00", "2044-02-29T00:00:00+00:00"], ["2024-02-29T00:00:00+00:00"] },
        { "0 0 29 2 1", "2024-01-01T00:00:00+00:00", ["2024-02-05T00:00:00+00:00", "2024-02-12T00:00:00+00:00", "2024-02-19T00:00:00+00:00", "2024-02-26T00:00:00+00:00", "2024-02-29T00:00:00+00:00"], [] },
        { "0 0 31 * *", "2024-01-31T00:00:00+00:00", ["2024-03-31T00:00:00+00:00", "2024-05-31T00:00:00+00:00", "2024-07-31T00:00:00+00:00", "2024-08-31T00:00:00+00:00", "2024-10-31T00:00:00+00:00"], ["2023-12-31T00:00:00+00:00", "2023-10-31T00:00:00+00:00", "2023-08-31T00:00:00+00:00"] },
        { "59 23 30 * *", "2024-01-01T00:00:00+00:00", ["2024-01-30T23:59:00+00:00", "2024-03-30T23:59:00+00:00", "2024-04-30T23:59:00+00:00", "2024-05-30T23:59:00+00:00", "2024-06-30T23:59:00+00:00"], ["2023-12-30T23:59:00+00:00", "2023-11-30T23:59:00+00:00", "2023-10-30T23:59:00+00:00"] },
        { "0 0 28-31 * *", "2024-02-27T00:00:00+00:00", ["2024-02-28T00:00:00+00:00", "2024-02-29T00:00:00+00:00", "2024-03-28T00:00:00+00:00", "2024-03-29T00:00:00+00:00", "2024-03-30T00:00:00+00:00"], ["2024-01-31T00:00:00+00:00", "2024-01-30T00:00:00+00:00", "2024-01-29T00:00:00+00:00"] },
        { "15 3 * jan,JUL *", "2024-01-31T03:15:00+00:00", ["2024-07-01T03:15:00+00:00", "2024-07-02T03:15:00+00:00", "2024-07-03T03:15:00+00:00", "2024-07-04T03:15:00+00:00", "2024-07-05T03:15:00+00:00"], ["2024-01-30T03:15:00+00:00", "2024-01-29T03:15:00+00:00", "2024-01-28T03:15:00+00:00"] },
        { "0 0 1 jan-mar/2 *", "2024-01-01T00:00:00+00:00", ["2024-03-01T00:00:00+00:00", "2025-01-01T00:00:00+00:00", "2025-03-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00", "2026-03-01T00:00:00+00:00"], ["2023-03-01T00:00:00+00:00", "2023-01-01T00:00:00+00:00", "2022-03-01T00:00:00+00:00"] },
        { "0 8 1-7 * 1", "2024-09-01T00:00:00+00:00", ["2024-09-01T08:00:00+00:00", "2024-09-02T08:00:00+00:00", "2024-09-03T08:00:00+00:00", "2024-09-04T08:00:00+00:00", "2024-09-05T08:00:00+00:00"], ["2024-08-26T08:00:00+00:00", "2024-08-19T08:00:00+00:00", "2024-08-12T08:00:00+00:00"] },
        { "0 0 * * 1-5/2", "2024-01-01T00:00:00+00:00", ["2024-01-03T00:00:00+00:00", "2024-01-05T00:00:00+00:00", "2024-01-08T00:00:00+00:00", "2024-01-10T00:00:00+00:00", "2024-01-12T00:00:00+00:00"], ["2023-12-29T00:00:00+00:00", "2023-12-27T00:00:00+00:00", "2023-12-25T00:00:00+00:00"] },
        { "@yearly", "2024-06-15T10:00:00+00:00", ["2025-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00", "2027-01-01T00:00:00+00:00", "2028-01-01T00:00:00+00:00", "2029-01-01T00:00:00+00:00"], ["2024-01-01T00:00:00+00:00", "2023-01-01T00:00:00+00:00", "2022-01-01T00:00:00+00:00"] },
        { "@annually", "2024-12-31T23:59:00+00:00", ["2025-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00", "2027-01-01T00:00:00+00:00", "2028-01-01T00:00:00+00:00", "2029-01-01T00:00:00+00:00"], ["2024-01-01T00:00:00+00:00", "2023-01-01T00:00:00+00:00", "2022-01-01T00:00:00+00:00"] },
        { "@monthly", "2024-01-31T00:00:00+00:00", ["2024-02-01T00:00:00+00:00", "2024-03-01T00:00:00+00:00", "2024-04-01T00:00:00+00:00", "2024-05-01T00:00:00+00:00", "2024-06-01T00:00:00+00:00"], ["2024-01-01T00:00:00+00:00", "2023-12-01T00:00:00+00:00", "2023-11-01T00:00:00+00:00"] },
        { "@weekly", "2024-01-03T10:00:00+00:00", ["2024-01-07T00:00:00+00:00", "2024-01-14T00:00:00+00:00", "2024-01-21T00:00:00+00:00", "2024-01-28T00:00:00+00:00", "2024-02-04T00:00:00+00:00"], ["2023-12-31T00:00:00+00:00", "2023-12-24T00:00:00+00:00", "2023-12-17T00:00:00+00:00"] },
        { "@daily", "2024-02-28T00:00:00+00:00", ["2024-02-29T00:00:00+00:00", "2024-03-01T00:00:00+00:00", "2024-03-02T00:00:00+00:00", "2024-03-03T00:00:00+00:00", "2024-03-04T00:00:00+00:00"], ["2024-02-27T00:00:00+00:00", "2024-02-26T00:00:00+00:00", "2024-02-25T00:00:00+00:00"] },
        { "@midnight", "2024-12-30T12:00:00+00:00", ["2024-12-31T00:00:00+00:00", "2025-01-01T00:00:00+00:00", "2025-01-02T00:00:00+00:00", "2025-01-03T00:00:00+00:00", "2025-01-04T00:00:00+00:00"], ["2024-12-30T00:00:00+00:00", "2024-12-29T00:00:00+00:00", "2024-12-28T00:00:00+00:00"] },
        { "@hourly", "2024-12-31T22:30:00+00:00", ["2024-12-31T23:00:00+00:00", "2025-01-01T00:00:00+00:00", "2025-01-01T01:00:00+00:00", "2025-01-01T02:00:00+00:00", "2025-01-01T03:00:00+00:00"], ["2024-12-31T22:00:00+00:00", "2024-12-31T21:00:00+00:00", "2024-12-31T20:00:00+00:00"] },
        { "0 0 1-7 * SUN", "2024-12-01T00:00:00+00:00", ["2024-12-02T00:00:00+00:00", "2024-12-03T00:00:00+00:00", "2024-12-04T00:00:00+00:00", "2024-12-05T00:00:00+00:00", "2024-12-06T00:00:00+00:00"], ["2024-11-24T00:00:00+00:00", "2024-11-17T00:00:00+00:00", "2024-11-10T00:00:00+00:00"] },
        { "0-5 0 * * *", "2024-01-01T00:03:00+00:00", ["2024-01-01T00:04:00+00:00", "2024-01-01T00:05:00+00:00", "2024-01-02T00:00:00+00:00", "2024-01-02T00:01:00+00:00", "2024-01-02T00:02:00+00:00"], ["2024-01-01T00:02:00+00:00", "2024-01-01T00:01:00+00:00", "2024-01-01T00:00:00+00:00"] },
    };

    /// <summary>Zone, expression, start (wall time there), croniter's next 5 times across the day's DST change.</summary>
    public static TheoryData<string, string, string, string[]> ZoneAnswers => new()
    {
        { "America/New_York", "*/30 * * * *", "2024-03-10T00:50:00-05:00", ["2024-03-10T01:00:00-05:00", "2024-03-10T01:30:00-05:00", "2024-03-10T03:00:00-04:00", "2024-03-10T03:30:00-04:00", "2024-03-10T04:00:00-04:00"] },
        { "America/New_York", "0 * * * *", "2024-03-10T00:10:00-05:00", ["2024-03-10T01:00:00-05:00", "2024-03-10T03:00:00-04:00", "2024-03-10T04:00:00-04:00", "2024-03-10T05:00:00-04:00", "2024-03-10T06:00:00-04:00"] },
        { "America/New_York", "*/30 * * * *", "2024-11-03T00:50:00-04:00", ["2024-11-03T01:00:00-04:00", "2024-11-03T01:30:00-04:00", "2024-11-03T02:00:00-05:00", "2024-11-03T02:30:00-05:00", "2024-11-03T03:00:00-05:00"] },
        { "America/New_York", "0 * * * *", "2024-11-03T00:10:00-04:00", ["2024-11-03T01:00:00-04:00", "2024-11-03T02:00:00-05:00", "2024-11-03T03:00:00-05:00", "2024-11-03T04:00:00-05:00", "2024-11-03T05:00:00-05:00"] },
        { "Europe/Berlin", "15 * * * *", "2024-03-31T00:30:00+01:00", ["2024-03-31T01:15:00+01:00", "2024-03-31T03:15:00+02:00", "2024-03-31T04:15:00+02:00", "2024-03-31T05:15:00+02:00", "2024-03-31T06:15:00+02:00"] },
        { "Europe/Berlin", "15,45 * * * *", "2024-10-27T01:30:00+02:00", ["2024-10-27T01:45:00+02:00", "2024-10-27T02:15:00+02:00", "2024-10-27T02:45:00+02:00", "2024-10-27T03:15:00+01:00", "2024-10-27T03:45:00+01:00"] },
    };

    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo LordHowe = TimeZoneInfo.FindSystemTimeZoneById("Australia/Lord_Howe"); // 30-minute shifts

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string Iso(DateTimeOffset? value)
    {
        Assert.NotNull(value);
        return value.Value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    [Theory]
    [MemberData(nameof(UtcAnswers))]
    public void NextAfter_AndLatestAtOrBefore_MatchCroniterInUtc(string expression, string start, string[] next, string[] previous)
    {
        var schedule = CronSchedule.Parse(expression);

        var actualNext = new List<string>();
        var cursor = At(start);
        foreach (var _ in next)
        {
            cursor = schedule.NextAfter(cursor) ?? throw new Xunit.Sdk.XunitException($"no time after {Iso(cursor)}");
            actualNext.Add(Iso(cursor));
        }

        Assert.Equal(next, actualNext);

        // croniter's get_prev is strictly before the start: the latest at or before one second earlier.
        var actualPrevious = new List<string>();
        cursor = At(start);
        foreach (var _ in previous)
        {
            cursor = schedule.LatestAtOrBefore(cursor.AddSeconds(-1)) ?? throw new Xunit.Sdk.XunitException($"no time before {Iso(cursor)}");
            actualPrevious.Add(Iso(cursor));
        }

        Assert.Equal(previous, actualPrevious);

        // A due time is its own latest, also seconds later.
        foreach (var due in next.Select(At))
        {
            Assert.Equal(due, schedule.LatestAtOrBefore(due));
            Assert.Equal(due, schedule.LatestAtOrBefore(due.AddSeconds(59)));
        }
    }

    [Theory]
    [MemberData(nameof(ZoneAnswers))]
    public void NextAfter_MatchesCroniterAcrossDaylightSavingChanges(string zone, string expression, string start, string[] next)
    {
        var schedule = CronSchedule.Parse(expression, TimeZoneInfo.FindSystemTimeZoneById(zone));

        var actual = new List<string>();
        var cursor = At(start);
        foreach (var _ in next)
        {
            cursor = schedule.NextAfter(cursor)!.Value;
            actual.Add(Iso(cursor));
        }

        Assert.Equal(next, actual);
    }

    [Fact]
    public void DailyJob_InTheSpringGap_RunsThatDayShiftedByTheGap_AndStaysOnItsHourAfter()
    {
        var schedule = CronSchedule.Parse("30 2 * * *", NewYork);

        var first = schedule.NextAfter(At("2024-03-09T12:00:00-05:00"));
        var second = schedule.NextAfter(first!.Value);

        Assert.Equal("2024-03-10T03:30:00-04:00", Iso(first)); // 02:30 does not exist that day
        Assert.Equal("2024-03-11T02:30:00-04:00", Iso(second)); // croniter 1.3.5 drifts to 03:30 here; we do not
    }

    [Fact]
    public void GapTime_StillAhead_IsFound_EvenWhenTheWallClockIsPastIt()
    {
        // At 03:10 EDT on the change day, 02:45 (due at 03:45 EDT) has not happened yet.
        var schedule = CronSchedule.Parse("45 2 * * *", NewYork);

        Assert.Equal("2024-03-10T03:45:00-04:00", Iso(schedule.NextAfter(At("2024-03-10T03:10:00-04:00"))));
        Assert.Equal("2024-03-11T02:45:00-04:00", Iso(schedule.NextAfter(At("2024-03-10T03:45:00-04:00"))));

        var both = CronSchedule.Parse("10,45 2,3 * * *", NewYork);
        Assert.Equal("2024-03-10T03:45:00-04:00", Iso(both.LatestAtOrBefore(At("2024-03-10T03:50:00-04:00"))));
        Assert.Equal("2024-03-10T03:10:00-04:00", Iso(both.LatestAtOrBefore(At("2024-03-10T03:40:00-04:00"))));
    }

    [Fact]
    public void HalfHourGap_ShiftedTime_IsOrderedAmongRealTimes()
    {
        // Lord Howe jumps from 02:00 to 02:30 (+10:30 to +11:00): 02:15 is due at 02:45 new time, after the real 02:35.
        var schedule = CronSchedule.Parse("15,35 2 * * *", LordHowe);

        var first = schedule.NextAfter(At("2024-10-06T02:20:00+11:00"));
        var second = schedule.NextAfter(first!.Value);
        var third = schedule.NextAfter(second!.Value);

        Assert.Equal(["2024-10-06T02:35:00+11:00", "2024-10-06T02:45:00+11:00", "2024-10-07T02:15:00+11:00"], [Iso(first), Iso(second), Iso(third)]);
        Assert.Equal("2024-10-06T02:45:00+11:00", Iso(schedule.LatestAtOrBefore(At("2024-10-06T02:50:00+11:00"))));
        Assert.Equal("2024-10-06T02:35:00+11:00", Iso(schedule.LatestAtOrBefore(At("2024-10-06T02:40:00+11:00"))));
    }

    [Fact]
    public void RepeatedHour_FiresOnce_AtItsFirstOccurrence()
    {
        var schedule = CronSchedule.Parse("30 1 * * *", NewYork);

        var first = schedule.NextAfter(At("2024-11-02T12:00:00-04:00"));
        Assert.Equal("2024-11-03T01:30:00-04:00", Iso(first));
        Assert.Equal("2024-11-04T01:30:00-05:00", Iso(schedule.NextAfter(first!.Value))); // not 01:30 EST on the 3rd

        // Woken during the second 01:xx, the latest due time is the first 01:30.
        Assert.Equal("2024-11-03T01:30:00-04:00", Iso(schedule.LatestAtOrBefore(At("2024-11-03T01:10:00-05:00"))));

        var halfHourly = CronSchedule.Parse("*/30 * * * *", NewYork);
        Assert.Equal("2024-11-03T02:00:00-05:00", Iso(halfHourly.NextAfter(At("2024-11-03T01:10:00-05:00"))));
        Assert.Equal("2024-11-03T01:30:00-04:00", Iso(halfHourly.LatestAtOrBefore(At("2024-11-03T01:59:00-05:00"))));
    }

    [Fact]
    public void NextAfter_AndLatestAtOrBefore_AgreeOnEveryMinuteAroundDaylightSavingChanges()
    {
        string[] expressions = ["* * * * *", "*/7 * * * *", "15,45 * * * *", "15,35 2 * * *", "30 2 * * *", "0 1-3 * * *", "59 1 * * *", "0 0 * * *"];
        (TimeZoneInfo Zone, string Start)[] days =
        [
            (Berlin, "2024-03-30T22:00:00Z"), (Berlin, "2024-10-26T22:00:00Z"),
            (NewYork, "2024-03-10T04:00:00Z"), (NewYork, "2024-11-03T03:00:00Z"),
            (LordHowe, "2024-10-05T13:00:00Z"), (LordHowe, "2024-04-06T12:00:00Z"),
        ];
        foreach (var expression in expressions)
        {
            foreach (var (zone, start) in days)
            {
                var schedule = CronSchedule.Parse(expression, zone);
                for (var t = At(start); t < At(start).AddHours(6); t = t.AddMinutes(1).AddSeconds(1))
                {
                    var next = schedule.NextAfter(t)!.Value;
                    var latest = schedule.LatestAtOrBefore(t)!.Value;
                    var context = $"{expression} in {zone.Id} at {t:o}: latest {latest:o}, next {next:o}";
                    Assert.True(latest <= t && t < next, context);
                    Assert.True(next.Second == 0 && next.Millisecond == 0, context);
                    Assert.True(schedule.NextAfter(latest) == next, context);
                    Assert.True(schedule.LatestAtOrBefore(next) == next, context);
                }
            }
        }
    }

    [Fact]
    public void Results_AreInTheScheduleZone_AtWholeMinutes()
    {
        var schedule = CronSchedule.Parse("0 9 * * *", Berlin);

        var next = schedule.NextAfter(At("2024-07-01T10:00:30Z"));

        Assert.Equal("2024-07-02T09:00:00+02:00", Iso(next));
        Assert.Equal(TimeSpan.FromHours(2), next!.Value.Offset);
        Assert.Equal("2024-07-01T09:00:00+02:00", Iso(schedule.LatestAtOrBefore(At("2024-07-01T10:00:30Z"))));
        Assert.Equal("2024-07-01T00:01:00+00:00", Iso(CronSchedule.Parse("* * * * *").NextAfter(At("2024-07-01T00:00:59.999Z"))));
        Assert.Equal("2024-07-01T00:00:00+00:00", Iso(CronSchedule.Parse("* * * * *").LatestAtOrBefore(At("2024-07-01T00:00:59.999Z"))));
    }

    [Fact]
    public void NoMatch_WithinFiveYears_IsNull()
    {
        var never = CronSchedule.Parse("0 0 30 2 *");

        Assert.Null(never.NextAfter(At("2024-01-01T00:00:00Z")));
        Assert.Null(never.LatestAtOrBefore(At("2024-01-01T00:00:00Z")));

        // Feb 29 skips 2100: from 2096-03-01 the next one (2104) is eight years away.
        var leap = CronSchedule.Parse("0 0 29 2 *");
        Assert.Null(leap.NextAfter(At("2096-03-01T00:00:00Z")));
        Assert.Equal("2096-02-29T00:00:00+00:00", Iso(leap.LatestAtOrBefore(At("2100-12-31T00:00:00Z"))));
    }

    [Fact]
    public void DayOfMonthAndDayOfWeek_BothRestricted_EitherMatches_ElseBothMust()
    {
        var either = CronSchedule.Parse("0 0 29 2 1");
        Assert.Equal("2023-02-27T00:00:00+00:00", Iso(either.LatestAtOrBefore(At("2024-01-01T00:00:00Z")))); // a Monday in Feb

        var fullWeek = CronSchedule.Parse("0 0 13 * 0-7"); // every day of the week: unrestricted, so the 13th only
        Assert.Equal("2024-01-13T00:00:00+00:00", Iso(fullWeek.NextAfter(At("2024-01-01T00:00:00Z"))));

        var everyDay = CronSchedule.Parse("0 0 1-31 * MON"); // every day of the month: Mondays only
        Assert.Equal("2024-01-08T00:00:00+00:00", Iso(everyDay.NextAfter(At("2024-01-01T00:00:00Z"))));

        // Found by comparing 400 random expressions with croniter 1.3.5: in these two its get_next/get_prev skip a
        // day that its own croniter.match() accepts (Sat 2025-03-01 is the 1st; Thu 2024-02-29 is a Thursday).
        Assert.Equal("2025-03-01T09:00:00+00:00", Iso(CronSchedule.Parse("* 14,9 */15 * 0").NextAfter(At("2025-02-25T21:27:00Z"))));
        Assert.Equal("2024-02-29T21:33:00+00:00", Iso(CronSchedule.Parse("21-33 1-21,1-6/4 * 2 3-5,0").LatestAtOrBefore(At("2024-11-02T11:28:59Z"))));
    }

    [Fact]
    public void Parse_KeepsTheExpression_AndDefaultsToUtc()
    {
        var schedule = CronSchedule.Parse("  @Daily ");

        Assert.Equal("@Daily", schedule.Expression);
        Assert.Equal("@Daily", schedule.ToString());
        Assert.Equal(TimeZoneInfo.Utc, schedule.TimeZone);
        Assert.Equal(Berlin, CronSchedule.Parse("* * * * *", Berlin).TimeZone);
    }

    [Theory]
    [InlineData("*/0 * * * *", "cron '*/0 * * * *': minute: step must be >= 1")]
    [InlineData("60 * * * *", "cron '60 * * * *': minute: value 60 is out of range 0-59")]
    [InlineData("0 24 * * *", "hour: value 24 is out of range 0-23")]
    [InlineData("0 0 0 * *", "day-of-month: value 0 is out of range 1-31")]
    [InlineData("0 0 32 * *", "day-of-month: value 32 is out of range 1-31")]
    [InlineData("0 0 1 13 *", "month: value 13 is out of range 1-12")]
    [InlineData("0 0 1 FOO *", "month: 'FOO' is not a valid value (expected 1-12 or JAN-DEC)")]
    [InlineData("0 0 * * 8", "day-of-week: value 8 is out of range 0-7")]
    [InlineData("0 0 * * MONDAY", "day-of-week: 'MONDAY' is not a valid value (expected 0-7 or SUN-SAT)")]
    [InlineData("MON * * * *", "minute: 'MON' is not a valid value (expected 0-59)")]
    [InlineData("0 0 L * *", "day-of-month: 'L' is not a valid value")]
    [InlineData("0 0 ? * *", "day-of-month: '?' is not a valid value")]
    [InlineData("0 0 * * 5#2", "day-of-week: '5#2' is not a valid value")]
    [InlineData("5-1 * * * *", "minute: range '5-1' runs backwards (5 > 1)")]
    [InlineData("-5 * * * *", "minute: '-5': negative values are not allowed")]
    [InlineData("1,,2 * * * *", "minute: empty list item in '1,,2'")]
    [InlineData("*/x * * * *", "minute: step 'x' in '*/x' is not a number")]
    [InlineData("0 1- * * *", "hour: a missing value is not a valid value")]
    [InlineData("* * * *", "cron '* * * *': expected 5 fields (minute hour day-of-month month day-of-week), found 4")]
    [InlineData("* * * * * *", "found 6")]
    [InlineData("@reboot", "cron '@reboot': unknown macro '@reboot'")]
    [InlineData("   ", "expression is empty")]
    public void Parse_Invalid_NamesTheFieldAndValue(string expression, string message)
    {
        var error = Assert.Throws<GyreException>(() => CronSchedule.Parse(expression));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Searches_AreFastEnoughToCallEverySecond()
    {
        string[] expressions = ["0 0 29 2 1", "0 0 30 2 *", "*/5 9-17 * * MON-FRI", "0 3 31 * *", "@yearly"];
        var schedules = expressions.Select(e => CronSchedule.Parse(e, Berlin)).ToArray();
        var clock = Stopwatch.StartNew();
        var t = At("2024-01-01T00:00:00Z");
        for (var i = 0; i < 200; i++, t = t.AddHours(7))
        {
            foreach (var schedule in schedules)
            {
                schedule.NextAfter(t);
                schedule.LatestAtOrBefore(t);
            }
        }

        // 2,000 searches, two of them never matching (five years each way); minute-by-minute would take minutes.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}
