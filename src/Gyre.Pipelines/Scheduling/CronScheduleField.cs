using System.Numerics;

namespace Gyre.Pipelines.Scheduling;

/// <summary>
/// The values one cron field allows, as a bit set over <see cref="Min"/>..<see cref="Max"/> (at most 0..63).
/// Day-of-week is kept as 0..6 (Sunday = 0; a 7 in the expression is stored as 0).
/// </summary>
internal sealed class CronScheduleField(string name, int min, int max, ulong bits)
{
    /// <summary>The field's name as error messages give it: minute, hour, day-of-month, month, day-of-week.</summary>
    public string Name { get; } = name;

    public int Min { get; } = min;

    public int Max { get; } = max;

    /// <summary>Bit <c>v</c> is set when value <c>v</c> is allowed.</summary>
    public ulong Bits { get; } = bits;

    /// <summary>
    /// True when every value of the field's range is allowed (<c>*</c>, <c>*/1</c>, <c>1-31</c>, <c>0-7</c>...).
    /// Only then does the field count as unrestricted for the day-of-month/day-of-week OR rule, as in croniter.
    /// </summary>
    public bool IsUnrestricted => Bits == RangeMask(Min, Max);

    public bool Contains(int value) => value >= 0 && value < 64 && (Bits & (1UL << value)) != 0;

    /// <summary>The smallest allowed value &gt;= <paramref name="value"/>, or -1 if there is none.</summary>
    public int NextAtOrAfter(int value)
    {
        if (value < 0)
        {
            value = 0;
        }

        if (value > 63)
        {
            return -1;
        }

        var rest = Bits >> value;
        return rest == 0 ? -1 : value + BitOperations.TrailingZeroCount(rest);
    }

    /// <summary>The largest allowed value &lt;= <paramref name="value"/>, or -1 if there is none.</summary>
    public int PrevAtOrBefore(int value)
    {
        if (value < 0)
        {
            return -1;
        }

        var rest = value >= 63 ? Bits : Bits & ((1UL << (value + 1)) - 1);
        return rest == 0 ? -1 : 63 - BitOperations.LeadingZeroCount(rest);
    }

    /// <summary>The bits of <paramref name="from"/>..<paramref name="to"/> inclusive (0 &lt;= from &lt;= to &lt;= 63).</summary>
    public static ulong RangeMask(int from, int to)
    {
        var upTo = to >= 63 ? ulong.MaxValue : (1UL << (to + 1)) - 1;
        return upTo & ~((1UL << from) - 1);
    }
}
