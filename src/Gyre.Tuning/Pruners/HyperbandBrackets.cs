using System.Globalization;

namespace Gyre.Tuning.Pruners;

/// <summary>
/// Hyperband's fixed bracket layout (Optuna 3.1): B = floor(log_η(maxResource / minResource)) + 1
/// brackets; bracket b is successive halving with minEarlyStoppingRate b and a trial budget of
/// ceil(B × η^s / (s + 1)) with s = B - 1 - b. A trial's bracket is crc32("{study}_{number}") modulo
/// the total budget, walked through the budgets, so every process agrees without coordination.
/// Immutable once built.
/// </summary>
internal sealed class HyperbandBrackets
{
    private HyperbandBrackets(int[] budgets, SuccessiveHalvingPruner[] pruners)
    {
        Budgets = budgets;
        Pruners = pruners;
        TotalBudget = budgets.Sum(b => (long)b);
    }

    /// <summary>Trial allocation budget of each bracket.</summary>
    public IReadOnlyList<int> Budgets { get; }

    /// <summary>Successive halving of each bracket.</summary>
    public IReadOnlyList<SuccessiveHalvingPruner> Pruners { get; }

    /// <summary>Sum of <see cref="Budgets"/>.</summary>
    public long TotalBudget { get; }

    /// <summary>No bracket (an "auto" maximum below the minimum resource): Optuna then never prunes.</summary>
    public static HyperbandBrackets Empty { get; } = new([], []);

    /// <summary>Number of brackets.</summary>
    public int Count => Budgets.Count;

    /// <summary>Builds the brackets; maxResource &gt;= minResource &gt;= 1 and reductionFactor &gt;= 2 are checked by the caller.</summary>
    public static HyperbandBrackets Create(long minResource, long maxResource, int reductionFactor, int bootstrapCount)
    {
        // Python's math.log(x, base) is log(x) / log(base): keep its rounding (log(243, 3) = 4.999…, so 5 brackets, not 6).
        var count = (int)Math.Floor(Math.Log((double)maxResource / minResource) / Math.Log(reductionFactor)) + 1;
        var budgets = new int[count];
        var pruners = new SuccessiveHalvingPruner[count];
        for (var b = 0; b < count; b++)
        {
            var s = count - 1 - b;
            var numerator = (long)count;
            for (var i = 0; i < s; i++) numerator = checked(numerator * reductionFactor);
            budgets[b] = checked((int)((numerator + s) / (s + 1)));
            pruners[b] = new SuccessiveHalvingPruner(minResource, reductionFactor, b, bootstrapCount);
        }
        return new HyperbandBrackets(budgets, pruners);
    }

    /// <summary>The bracket of trial <paramref name="trialNumber"/> in study <paramref name="studyName"/>.</summary>
    public int BracketOf(string studyName, int trialNumber)
    {
        var n = (long)(Crc32.Compute(studyName + "_" + trialNumber.ToString(CultureInfo.InvariantCulture)) % (ulong)TotalBudget);
        for (var b = 0; b < Budgets.Count; b++)
        {
            n -= Budgets[b];
            if (n < 0) return b;
        }
        throw new InvalidOperationException("Unreachable: the budgets add up to the modulus.");
    }
}
