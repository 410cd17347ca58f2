using Gyre.Core;
using Gyre.Monitoring.Drift;

namespace Gyre.Monitoring.Profiles;

/// <summary>
/// Drift between two profiles (<see cref="ColumnSketch"/>, <see cref="DatasetSketch"/>) without raw rows, with
/// the same methods, method choice (<see cref="DriftMethodSelector"/> on the sketch counts and distinct counts),
/// thresholds, binning and statuses as <see cref="ColumnDriftDetector"/>, so a profile-based report decides like
/// a raw-data report.
/// </summary>
/// <remarks>
/// <para><b>Exactness.</b> Categorical columns whose <see cref="FrequentItems"/> are exact on both sides, numeric
/// columns whose <see cref="ColumnSketch.DiscreteValues"/> are present on both sides, and numeric columns whose
/// KLL sketches are still exact give the same result as <see cref="ColumnDriftDetector"/> on the raw values
/// (same counts, same formulas; moments-based scales agree up to rounding).</para>
/// <para><b>Approximations otherwise.</b> Numeric: every statistic is computed on the two KLL step CDFs (the
/// retained items and their weights). KS: D = max |F_ref − F_cur| over the union of retained items, so
/// |D_sketch − D_exact| ≤ ε_ref + ε_cur (each KLL's rank error, 1.65 % at 99 % confidence for k = 200). Because
/// scipy's asymptotic p-value <c>kstwo.sf(D, round(n·m/(n + m)))</c> is very sensitive to D for large n (a D error of
/// 0.004 turns p = 0.09 into 0.0002 at n = 10⁵: the erratic KS p-values of whylogs #684), the p-value from
/// non-exact sketches is <b>conservative</b>: it is computed at max(0, D − ε_ref − ε_cur), with ε =
/// <see cref="KllSketch.NormalizedRankError"/>(k) (single-sided, 99 %), so sketch error alone does not raise
/// a false alarm; a real shift with D well above ε is still detected, subtle ones (D ≲ 2ε) are not. Normed Wasserstein:
/// ∫₀¹ |Q_ref(u) − Q_cur(u)| du / max(σ_ref, 0.001) with each quantile function interpolated linearly between the
/// retained items (weight midpoints) and the exact min and max; the error is at most about
/// (ε_ref + ε_cur)·(max − min)/σ_ref, so it is small for light tails and can reach a few tenths on very heavy tails.
/// JS/PSI/KL/Hellinger: bins as <see cref="ColumnDriftDetector"/> (per value when the reference has ≤ 20
/// distinct values, else equal-width over the reference [min, max] plus underflow/overflow), counted from the
/// KLL weights: each bin share is off by at most ε_ref (or ε_cur). Categorical with evicted items: the kept
/// counters plus one "(other)" bucket holding the unkept mass; new categories are reported only when the
/// reference is exact. Methods that need the raw rows (Cramér–von Mises, Anderson–Darling, energy distance)
/// are refused. Thread-safe (no state; profiles only read).</para>
/// </remarks>
public static class SketchDriftDetector
{
    /// <summary>Name of the bucket that holds the mass of categories a non-exact frequent-items sketch did not keep.</summary>
    public const string OtherBucket = "(other)";

    /// <summary>Drift of one column between two profiles; a numeric/categorical mismatch gives <see cref="DriftStatus.TypeMismatch"/>.</summary>
    /// <exception cref="GyreException">
    /// InvalidInput naming the column when the method needs raw rows or numbers, or the bin count is below 1.
    /// </exception>
    public static ColumnDriftResult Detect(ColumnSketch reference, ColumnSketch current, ColumnDriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        options ??= ColumnDriftOptions.Default;
        if (reference.Kind != current.Kind)
        {
            return Unavailable(reference, options, DriftStatus.TypeMismatch, current.NonMissingCount);
        }

        return reference.Kind == DriftColumnKind.Numerical
            ? DetectNumeric(reference, current, options)
            : DetectCategorical(reference, current, options);
    }

    /// <summary>
    /// Drift of every reference column (or <see cref="DatasetDriftOptions.Columns"/>, in that order), summarized by
    /// <see cref="DatasetDriftSummary.Summarize"/>. A column absent from <paramref name="current"/> gets
    /// <see cref="DriftStatus.MissingInCurrent"/>, one typed differently <see cref="DriftStatus.TypeMismatch"/>.
    /// </summary>
    /// <exception cref="GyreException">
    /// InvalidInput when a listed column is not in the reference or listed twice, a method cannot run on a profile
    /// or column type, a bin count is below 1, or the drift share is outside (0, 1].
    /// </exception>
    public static DatasetDriftResult DetectDataset(DatasetSketch reference, DatasetSketch current, DatasetDriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        options ??= DatasetDriftOptions.Default;
        var columns = SelectColumns(reference, options);
        var results = new List<ColumnDrift>(columns.Count);
        foreach (var column in columns)
        {
            var columnOptions = options.For(column.Name);
            var other = current.Find(column.Name);
            var result = other is null
                ? Unavailable(column, columnOptions, DriftStatus.MissingInCurrent, 0)
                : Detect(column, other, columnOptions);
            results.Add(new ColumnDrift(column.Name, column.Kind, result));
        }

        return DatasetDriftSummary.Summarize(results, options);
    }

    private static List<ColumnSketch> SelectColumns(DatasetSketch reference, DatasetDriftOptions options)
    {
        if (options.Columns is null)
        {
            return [.. reference.Columns];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var selected = new List<ColumnSketch>(options.Columns.Count);
        foreach (var name in options.Columns)
        {
            if (!seen.Add(name))
            {
                throw GyreException.InvalidInput($"Drift column '{name}' is listed twice in the dataset drift options.");
            }

            selected.Add(reference.Find(name) ?? throw GyreException.InvalidInput($"Drift column '{name}' is not in the reference profile."));
        }

        return selected;
    }

    private static ColumnDriftResult Unavailable(ColumnSketch reference, ColumnDriftOptions options, DriftStatus status, long currentCount)
    {
        var method = options.Method ?? DriftMethodSelector.Choose(reference.Kind, reference.NonMissingCount, DistinctEstimate(reference.Distinct));
        var threshold = options.Threshold ?? DriftMethods.DefaultThreshold(method);
        return new ColumnDriftResult(method, status, null, threshold, false, ToInt(reference.NonMissingCount), ToInt(currentCount), []);
    }

    private static ColumnDriftResult DetectNumeric(ColumnSketch reference, ColumnSketch current, ColumnDriftOptions options)
    {
        var referenceCounts = reference.DiscreteCounts();
        var currentCounts = current.DiscreteCounts();
        var exactCounts = referenceCounts is not null && currentCounts is not null;
        var referenceSketch = reference.Quantiles!;
        var currentSketch = current.Quantiles!;
        StepDistribution referenceSteps;
        StepDistribution currentSteps;
        if (exactCounts)
        {
            referenceSteps = StepDistribution.FromCounts(referenceCounts!);
            currentSteps = StepDistribution.FromCounts(currentCounts!);
        }
        else
        {
            referenceSteps = StepDistribution.FromSketch(referenceSketch);
            currentSteps = StepDistribution.FromSketch(currentSketch);
        }

        var exact = exactCounts || (referenceSketch.IsExact && currentSketch.IsExact);
        var unionPoints = StepDistribution.UnionPoints(referenceSteps, currentSteps);
        long unionDistinct = exact ? unionPoints.Length : UnionDistinctEstimate(reference.Distinct, current.Distinct);
        long referenceDistinct = exact ? DistinctPoints(referenceSteps) : DistinctEstimate(reference.Distinct);
        var n = referenceSteps.Total;
        var m = currentSteps.Total;
        var method = options.Method ?? DriftMethodSelector.Choose(DriftColumnKind.Numerical, n, unionDistinct);
        RequireProfileMethod(method, reference.Name);
        var threshold = options.Threshold ?? DriftMethods.DefaultThreshold(method);
        var empty = EmptyResult(method, threshold, n, m);
        if (empty is not null)
        {
            return empty;
        }

        var score = method switch
        {
            DriftMethod.KolmogorovSmirnov => KolmogorovSmirnovPValue(
                referenceSteps, currentSteps, unionPoints, exact, referenceSketch.K, currentSketch.K),
            DriftMethod.Wasserstein => (exact
                    ? Wasserstein(referenceSteps, currentSteps, unionPoints)
                    : InterpolatedWasserstein(referenceSteps, currentSteps, referenceSketch, currentSketch))
                / Math.Max(reference.Moments!.StandardDeviation(), WassersteinDistance.MinimumScale),
            DriftMethod.ChiSquare or DriftMethod.ProportionZ => CountScore(method, PerValue(referenceSteps, currentSteps, unionPoints)),
            _ => SharesScore(method, NumericBins(referenceSteps, currentSteps, unionPoints, referenceDistinct, referenceSketch, options)),
        };
        var constant = exact
            ? unionPoints.Length == 1
            : referenceSketch.Min == referenceSketch.Max && currentSketch.Min == currentSketch.Max && referenceSketch.Min == currentSketch.Min;
        return Verdict(method, threshold, score, constant, n, m, []);
    }

    private static ColumnDriftResult DetectCategorical(ColumnSketch reference, ColumnSketch current, ColumnDriftOptions options)
    {
        var referenceItems = reference.FrequentItems!;
        var currentItems = current.FrequentItems!;
        var exact = referenceItems.IsExact && currentItems.IsExact;
        var keys = new HashSet<string>(referenceItems.Counters.Keys, StringComparer.Ordinal);
        keys.UnionWith(currentItems.Counters.Keys);
        var ordered = keys.ToArray();
        Array.Sort(ordered, StringComparer.Ordinal);
        var referenceOther = referenceItems.TotalCount - referenceItems.KeptTotal;
        var currentOther = currentItems.TotalCount - currentItems.KeptTotal;
        var withOther = referenceOther > 0 || currentOther > 0;
        var bins = ordered.Length + (withOther ? 1 : 0);
        var referenceCounts = new long[bins];
        var currentCounts = new long[bins];
        var newCategories = new List<string>();
        for (var i = 0; i < ordered.Length; i++)
        {
            referenceCounts[i] = referenceItems.LowerBound(ordered[i]);
            currentCounts[i] = currentItems.LowerBound(ordered[i]);
            if (referenceItems.IsExact && referenceCounts[i] == 0)
            {
                newCategories.Add(ordered[i]);
            }
        }

        if (withOther)
        {
            referenceCounts[^1] = referenceOther;
            currentCounts[^1] = currentOther;
        }

        long unionDistinct = exact ? ordered.Length : UnionDistinctEstimate(reference.Distinct, current.Distinct);
        var method = options.Method ?? DriftMethodSelector.Choose(DriftColumnKind.Categorical, referenceItems.TotalCount, unionDistinct);
        if (DriftMethods.IsNumericOnly(method))
        {
            throw GyreException.InvalidInput($"Drift method {method} needs a numeric column, not the categorical column '{reference.Name}'.");
        }

        RequireProfileMethod(method, reference.Name);
        var threshold = options.Threshold ?? DriftMethods.DefaultThreshold(method);
        var empty = EmptyResult(method, threshold, referenceItems.TotalCount, currentItems.TotalCount);
        if (empty is not null)
        {
            return empty;
        }

        var score = method is DriftMethod.ChiSquare or DriftMethod.ProportionZ
            ? CountScore(method, (referenceCounts, currentCounts))
            : SharesScore(method, (referenceCounts, currentCounts));
        return Verdict(method, threshold, score, exact && ordered.Length == 1, referenceItems.TotalCount, currentItems.TotalCount, newCategories);
    }

    private static void RequireProfileMethod(DriftMethod method, string column)
    {
        if (method is not (DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquare or DriftMethod.ProportionZ or DriftMethod.Wasserstein
            or DriftMethod.JensenShannon or DriftMethod.PopulationStability or DriftMethod.KullbackLeibler or DriftMethod.Hellinger))
        {
            throw GyreException.InvalidInput(
                $"Drift method {method} for column '{column}' needs raw rows; pass data files instead of profiles.");
        }
    }

    private static ColumnDriftResult? EmptyResult(DriftMethod method, double threshold, long referenceCount, long currentCount)
    {
        if (referenceCount == 0)
        {
            return new ColumnDriftResult(method, DriftStatus.EmptyReference, null, threshold, false, 0, ToInt(currentCount), []);
        }

        return currentCount == 0
            ? new ColumnDriftResult(method, DriftStatus.EmptyCurrent, null, threshold, false, ToInt(referenceCount), 0, [])
            : null;
    }

    private static ColumnDriftResult Verdict(
        DriftMethod method, double threshold, double score, bool constant, long referenceCount, long currentCount, IReadOnlyList<string> newCategories)
    {
        if (double.IsNaN(score))
        {
            return new ColumnDriftResult(
                method, DriftStatus.Undefined, null, threshold, false, ToInt(referenceCount), ToInt(currentCount), newCategories);
        }

        var status = constant ? DriftStatus.Constant : DriftStatus.Tested;
        return new ColumnDriftResult(
            method, status, score, threshold, DriftMethods.IsDrift(method, score, threshold), ToInt(referenceCount), ToInt(currentCount), newCategories);
    }

    /// <summary>
    /// The KS statistic D = max |F_ref − F_cur| of two KLL sketches, over the union of their retained items (where
    /// both step CDFs change): within ε_ref + ε_cur of the exact D of the sketched samples (see the type remarks).
    /// </summary>
    public static double KolmogorovSmirnovStatistic(KllSketch reference, KllSketch current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var referenceSteps = StepDistribution.FromSketch(reference);
        var currentSteps = StepDistribution.FromSketch(current);
        return KolmogorovSmirnovStatistic(referenceSteps, currentSteps, StepDistribution.UnionPoints(referenceSteps, currentSteps));
    }

    /// <summary>D = max |F_ref − F_cur| over the union of support points (where both step CDFs change).</summary>
    internal static double KolmogorovSmirnovStatistic(StepDistribution reference, StepDistribution current, double[] unionPoints)
    {
        var d = 0.0;
        foreach (var x in unionPoints)
        {
            d = Math.Max(d, Math.Abs(reference.Cdf(x) - current.Cdf(x)));
        }

        return d;
    }

    private static double KolmogorovSmirnovPValue(
        StepDistribution reference, StepDistribution current, double[] unionPoints, bool exact, int referenceK, int currentK)
    {
        var n = reference.Total;
        var m = current.Total;
        if (exact && Math.Max(n, m) <= KolmogorovSmirnovTest.MaxExactSampleSize)
        {
            return KolmogorovSmirnovTest.ComputeSorted(reference.Expand(), current.Expand()).PValue;
        }

        var d = KolmogorovSmirnovStatistic(reference, current, unionPoints);
        if (!exact)
        {
            d = Math.Max(0.0, d - (KllSketch.NormalizedRankError(referenceK) + KllSketch.NormalizedRankError(currentK)));
        }

        double larger = Math.Max(n, m);
        double smaller = Math.Min(n, m);
        var effective = Math.Min(Math.Round(larger * smaller / (larger + smaller), MidpointRounding.ToEven), int.MaxValue);
        return Math.Clamp(KolmogorovDistribution.SurvivalFunction((int)effective, d), 0.0, 1.0);
    }

    /// <summary>∫|F_ref − F_cur| dx over the two step CDFs (scipy's <c>wasserstein_distance</c> formula on weighted points).</summary>
    private static double Wasserstein(StepDistribution reference, StepDistribution current, double[] unionPoints)
    {
        var total = 0.0;
        for (var i = 0; i + 1 < unionPoints.Length; i++)
        {
            total += Math.Abs(reference.Cdf(unionPoints[i]) - current.Cdf(unionPoints[i])) * (unionPoints[i + 1] - unionPoints[i]);
        }

        return total;
    }

    /// <summary>
    /// ∫₀¹ |Q_ref(u) − Q_cur(u)| du (= W₁) with each quantile function interpolated linearly through the exact min
    /// at u = 0, each retained item at the middle of its weight, and the exact max at u = 1. Much less sensitive
    /// than the raw step functions to where heavy items of a long tail happened to land.
    /// </summary>
    private static double InterpolatedWasserstein(
        StepDistribution reference, StepDistribution current, KllSketch referenceSketch, KllSketch currentSketch)
    {
        var (referenceU, referenceX) = QuantileKnots(reference, referenceSketch.Min, referenceSketch.Max);
        var (currentU, currentX) = QuantileKnots(current, currentSketch.Min, currentSketch.Max);
        var grid = new double[referenceU.Length + currentU.Length];
        referenceU.CopyTo(grid, 0);
        currentU.CopyTo(grid, referenceU.Length);
        Array.Sort(grid);
        var total = 0.0;
        var previousU = grid[0];
        var previousD = Interpolate(referenceU, referenceX, previousU) - Interpolate(currentU, currentX, previousU);
        for (var i = 1; i < grid.Length; i++)
        {
            var u = grid[i];
            if (u <= previousU)
            {
                continue;
            }

            var d = Interpolate(referenceU, referenceX, u) - Interpolate(currentU, currentX, u);
            var width = u - previousU;
            total += (previousD >= 0) == (d >= 0) || previousD == 0 || d == 0
                ? (Math.Abs(previousD) + Math.Abs(d)) / 2 * width
                : ((previousD * previousD) + (d * d)) / (2 * (Math.Abs(previousD) + Math.Abs(d))) * width;
            previousU = u;
            previousD = d;
        }

        return total;
    }

    private static (double[] U, double[] X) QuantileKnots(StepDistribution steps, double min, double max)
    {
        var count = steps.Points.Length;
        var u = new double[count + 2];
        var x = new double[count + 2];
        x[0] = min;
        long previous = 0;
        for (var i = 0; i < count; i++)
        {
            u[i + 1] = (previous + steps.Cumulative[i]) / 2.0 / steps.Total;
            x[i + 1] = steps.Points[i];
            previous = steps.Cumulative[i];
        }

        u[count + 1] = 1.0;
        x[count + 1] = max;
        return (u, x);
    }

    private static double Interpolate(double[] knotsU, double[] knotsX, double u)
    {
        var index = Array.BinarySearch(knotsU, u);
        if (index >= 0)
        {
            return knotsX[index];
        }

        var upper = ~index;
        if (upper == 0)
        {
            return knotsX[0];
        }

        if (upper >= knotsU.Length)
        {
            return knotsX[^1];
        }

        var lower = upper - 1;
        var t = (u - knotsU[lower]) / (knotsU[upper] - knotsU[lower]);
        return knotsX[lower] + (t * (knotsX[upper] - knotsX[lower]));
    }

    private static (long[] Reference, long[] Current) PerValue(StepDistribution reference, StepDistribution current, double[] unionPoints)
    {
        var referenceCounts = new long[unionPoints.Length];
        var currentCounts = new long[unionPoints.Length];
        for (var i = 0; i < unionPoints.Length; i++)
        {
            var x = unionPoints[i];
            referenceCounts[i] = reference.AtMost(x) - reference.Below(x);
            currentCounts[i] = current.AtMost(x) - current.Below(x);
        }

        return (referenceCounts, currentCounts);
    }

    private static (long[] Reference, long[] Current) NumericBins(
        StepDistribution reference, StepDistribution current, double[] unionPoints, long referenceDistinct, KllSketch referenceSketch,
        ColumnDriftOptions options)
    {
        if (referenceDistinct <= ColumnDriftDetector.DiscreteBinLimit)
        {
            return PerValue(reference, current, unionPoints);
        }

        var binCount = options.BinCount ?? (int)Math.Ceiling(Math.Log2(reference.Total + (double)current.Total) + 1);
        var binning = DriftBinning.EqualWidth([referenceSketch.Min, referenceSketch.Max], binCount);
        return (CountBins(reference, binning.Edges), CountBins(current, binning.Edges));
    }

    /// <summary>Counts in <see cref="DriftBinning"/>'s layout: underflow, [e_i, e_{i+1}) …, last bin closed, overflow.</summary>
    private static long[] CountBins(StepDistribution steps, IReadOnlyList<double> edges)
    {
        var k = edges.Count - 1;
        var counts = new long[k + 2];
        counts[0] = steps.Below(edges[0]);
        for (var i = 0; i < k - 1; i++)
        {
            counts[i + 1] = steps.Below(edges[i + 1]) - steps.Below(edges[i]);
        }

        counts[k] = steps.AtMost(edges[k]) - steps.Below(edges[k - 1]);
        counts[k + 1] = steps.Total - steps.AtMost(edges[k]);
        return counts;
    }

    private static double CountScore(DriftMethod method, (long[] Reference, long[] Current) counts) =>
        BinnedScores.CountTest(method, counts.Reference, counts.Current);

    private static double SharesScore(DriftMethod method, (long[] Reference, long[] Current) counts) =>
        BinnedScores.SharesDistance(method, counts.Reference, counts.Current);

    private static long DistinctPoints(StepDistribution steps)
    {
        long count = 0;
        for (var i = 0; i < steps.Points.Length; i++)
        {
            if (i == 0 || steps.Points[i] != steps.Points[i - 1])
            {
                count++;
            }
        }

        return count;
    }

    private static long DistinctEstimate(HyperLogLog sketch) => (long)Math.Round(sketch.Estimate());

    private static long UnionDistinctEstimate(HyperLogLog reference, HyperLogLog current)
    {
        var union = reference.Copy();
        union.Merge(current);
        return DistinctEstimate(union);
    }

    private static int ToInt(long count) => (int)Math.Min(count, int.MaxValue);
}
