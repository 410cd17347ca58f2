namespace Gyre.Monitoring.Drift;

/// <summary>
/// Drops missing values the way Evidently does before a drift test: NaN and ±∞ are removed.
/// </summary>
public static class FiniteValues
{
    /// <summary>Returns a new array holding the finite values of <paramref name="values"/>, in order.</summary>
    public static double[] Copy(ReadOnlySpan<double> values)
    {
        var count = 0;
        foreach (var value in values)
        {
            if (double.IsFinite(value))
            {
                count++;
            }
        }

        var result = new double[count];
        var next = 0;
        foreach (var value in values)
        {
            if (double.IsFinite(value))
            {
                result[next++] = value;
            }
        }

        return result;
    }

    /// <summary>Returns the finite values of <paramref name="values"/>, sorted ascending.</summary>
    public static double[] Sorted(ReadOnlySpan<double> values)
    {
        var result = Copy(values);
        Array.Sort(result);
        return result;
    }
}
