using System.Runtime.CompilerServices;

namespace Gyre.Pipelines.Batch;

/// <summary>
/// Reads plain decimals ("-12.5", "0.035", "2399") from UTF-8 without the general parser, and gives exactly the double
/// <c>double.Parse</c> gives: with at most 15 significant digits and at most 22 decimals, digits and power of ten are
/// both exact doubles, so one IEEE division is correctly rounded (Clinger's fast path). Anything else (exponents,
/// white space, more digits, "NaN") returns false and is left to <c>double.TryParse</c>.
/// </summary>
internal static class FastDecimal
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == (byte)'-' || text[0] == (byte)'+'))
        {
            negative = text[0] == (byte)'-';
            i = 1;
        }

        long mantissa = 0;
        var digits = 0;
        var significant = 0;
        var decimals = 0;
        var seenPoint = false;
        for (; i < text.Length; i++)
        {
            var b = text[i];
            if (b == (byte)'.' && !seenPoint)
            {
                seenPoint = true;
                continue;
            }

            var digit = b - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }

            digits++;
            if (significant > 0 || digit != 0)
            {
                significant++;
            }

            if (significant > 15)
            {
                return false;
            }

            mantissa = (mantissa * 10) + digit;
            if (seenPoint)
            {
                decimals++;
            }
        }

        if (digits == 0 || decimals > 22)
        {
            return false;
        }

        var magnitude = decimals == 0 ? mantissa : mantissa / PowersOfTen[decimals];
        value = negative ? -magnitude : magnitude;
        return true;
    }
}
