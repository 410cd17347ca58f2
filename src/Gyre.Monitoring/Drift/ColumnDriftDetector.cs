using System.Buffers;
using Gyre.Core;

namespace Gyre.Monitoring.Drift;

/// <summary>
/// Per-column drift detection with Evidently's defaults: missing values dropped (NaN, ±∞, null),
/// test chosen by <see cref="DriftMethodSelector"/> unless overridden, Evidently's thresholds and rules.
/// Degenerate input gives a <see cref="DriftStatus"/> instead of a NaN verdict.
/// </summary>
/// <remarks>
/// Binning for JS/PSI/KL/Hellinger: categorical columns and numeric columns with at most
/// <see cref="DiscreteBinLimit"/> distinct reference values get one bin per distinct value of
/// reference ∪ current (as Evidently); other numeric columns get an explicit <see cref="DriftBinning"/>
/// over the reference range plus underflow/overflow bins (Evidently instead uses Sturges bins over the
/// combined range, so those scores differ from Evidently's by design). Thread-safe (no state).
/// Numeric input is sorted once (<see cref="FiniteValues.SortInto"/>, a radix sort for long inputs, into pooled buffers) and every
/// test reuses the sorted arrays in a linear merge pass; no test is O(n·m).
/// Cramér–von Mises with fewer than two values on a side, or Anderson–Darling with fewer than four in all,
/// give <see cref="DriftStatus.Undefined"/>; on a constant column they score 1 and 0.25 (no drift).
/// </remarks>
public static class ColumnDriftDetector
{
    /// <summary>Numeric columns with at most this many distinct reference values are binned per value (Evidently's 20).</summary>
    public const int DiscreteBinLimit = 20;

    /// <summary>Detects drift in a numeric column.</summary>
    /// <remarks>
    /// The sorted copies of both sides live in buffers rented from <see cref="ArrayPool{T}.Shared"/> and returned
    /// before this method returns (the result holds no reference to them), so detection over many long columns
    /// does not leave a sorted copy of each behind for the garbage collector.
    /// </remarks>
    /// <exception cref="GyreException">A bin count below 1 was requested.</exception>
    public static ColumnDriftResult Detect(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, ColumnDriftOptions? options = null)
    {
        options ??= ColumnDriftOptions.Default;
        var pool = ArrayPool<double>.Shared;
        var referenceBuffer = pool.Rent(reference.Length);
        try
        {
            var currentBuffer = pool.Rent(current.Length);
            try
            {
                var sortedReference = referenceBuffer.AsSpan(0, FiniteValues.SortInto(reference, referenceBuffer));
                var sortedCurrent = currentBuffer.AsSpan(0, FiniteValues.SortInto(current, currentBuffer));
                return DetectSorted(sortedReference, sortedCurrent, options);
            }
            finally
            {
                pool.Return(currentBuffer);
            }
        }
        finally
        {
            pool.Return(referenceBuffer);
        }
    }

    private static ColumnDriftResult DetectSorted(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent, ColumnDriftOptions options)
    {
        var distinct = DistinctCounts.CountDistinct(sortedReference, sortedCurrent, DiscreteBinLimit + 1);
        var method = options.Method ?? DriftMethodSelector.Choose(DriftColumnKind.Numerical, sortedReference.Length, distinct.Union);
        var threshold = options.Threshold ?? DriftMethods.DefaultThreshold(method);
        var empty = EmptyResult(method, threshold, sortedReference.Length, sortedCurrent.Length);
        if (empty is not null)
        {
            return empty;
        }

        var score = method switch
        {
            DriftMethod.KolmogorovSmirnov => KolmogorovSmirnovTest.ComputeSorted(sortedReference, sortedCurrent).PValue,
            DriftMethod.Wasserstein => WassersteinDistance.ComputeSorted(sortedReference, sortedCurrent)
                / Math.Max(WassersteinDistance.PopulationStandardDeviation(sortedReference), WassersteinDistance.MinimumScale),
            DriftMethod.ChiSquare or DriftMethod.ProportionZ => CountScore(method, DistinctCounts.FromSorted(sortedReference, sortedCurrent)),
            DriftMethod.CramerVonMises => CramerVonMisesScore(sortedReference, sortedCurrent, distinct.Union),
            DriftMethod.AndersonDarling => AndersonDarlingScore(sortedReference, sortedCurrent, distinct.Union),
            DriftMethod.EnergyDistance => EnergyDistance.ComputeSorted(sortedReference, sortedCurrent),
            _ => SharesScore(method, NumericBins(sortedReference, sortedCurrent, distinct.Reference, options)),
        };
        return Verdict(method, threshold, score, distinct.Union == 1, sortedReference.Length, sortedCurrent.Length, []);
    }

    /// <summary>Detects drift in a categorical column (null = missing; categories compared ordinally).</summary>
    /// <exception cref="GyreException">
    /// The method needs numbers (KS, Wasserstein, Cramér–von Mises, Anderson–Darling, energy distance).
    /// </exception>
    public static ColumnDriftResult Detect(IReadOnlyList<string?> reference, IReadOnlyList<string?> current, ColumnDriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        options ??= ColumnDriftOptions.Default;
        var union = DistinctCounts.FromCategories(reference, current);
        var method = options.Method ?? DriftMethodSelector.Choose(DriftColumnKind.Categorical, union.ReferenceTotal, union.Count);
        if (DriftMethods.IsNumericOnly(method))
        {
            throw GyreException.InvalidInput($"Drift method {method} needs a numeric column, not a categorical one.");
        }

        var threshold = options.Threshold ?? DriftMethods.DefaultThreshold(method);
        var empty = EmptyResult(method, threshold, (int)union.ReferenceTotal, (int)union.CurrentTotal);
        if (empty is not null)
        {
            return empty;
        }

        var score = method is DriftMethod.ChiSquare or DriftMethod.ProportionZ
            ? CountScore(method, union)
            : SharesScore(method, (union.ReferenceCounts, union.CurrentCounts));
        return Verdict(method, threshold, score, union.Count == 1, (int)union.ReferenceTotal, (int)union.CurrentTotal, union.NewCategories);
    }

    private static ColumnDriftResult? EmptyResult(DriftMethod method, double threshold, int referenceCount, int currentCount)
    {
        if (referenceCount == 0)
        {
            return new ColumnDriftResult(method, DriftStatus.EmptyReference, null, threshold, false, referenceCount, currentCount, []);
        }

        return currentCount == 0
            ? new ColumnDriftResult(method, DriftStatus.EmptyCurrent, null, threshold, false, referenceCount, currentCount, [])
            : null;
    }

    private static ColumnDriftResult Verdict(
        DriftMethod method, double threshold, double score, bool constant, int referenceCount, int currentCount, IReadOnlyList<string> newCategories)
    {
        if (double.IsNaN(score))
        {
            return new ColumnDriftResult(method, DriftStatus.Undefined, null, threshold, false, referenceCount, currentCount, newCategories);
        }

        var status = constant ? DriftStatus.Constant : DriftStatus.Tested;
        return new ColumnDriftResult(
            method, status, score, threshold, DriftMethods.IsDrift(method, score, threshold), referenceCount, currentCount, newCategories);
    }

    private static double CountScore(DriftMethod method, DistinctCounts union) =>
        BinnedScores.CountTest(method, union.ReferenceCounts, union.CurrentCounts);

    private static double SharesScore(DriftMethod method, (long[] Reference, long[] Current) counts) =>
        BinnedScores.SharesDistance(method, counts.Reference, counts.Current);

    /// <summary>
    /// Cramér–von Mises p-value; a constant column scores 1 (scipy's midrank statistic is not 0 there: 30 vs 20
    /// copies of one value give p ≈ 0.013), fewer than two values on a side give NaN (Undefined).
    /// </summary>
    private static double CramerVonMisesScore(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent, int distinctUnion)
    {
        if (sortedReference.Length < 2 || sortedCurrent.Length < 2)
        {
            return double.NaN;
        }

        return distinctUnion == 1 ? 1.0 : CramerVonMisesTest.ComputeSorted(sortedReference, sortedCurrent).PValue;
    }

    /// <summary>
    /// Anderson–Darling p-value; a constant column (one distinct value overall, where scipy raises) scores the
    /// cap <see cref="AndersonDarlingTest.MaximumPValue"/>, fewer than four values in all give NaN (Undefined).
    /// </summary>
    private static double AndersonDarlingScore(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent, int distinctUnion)
    {
        if (distinctUnion == 1)
        {
            return AndersonDarlingTest.MaximumPValue;
        }

        return sortedReference.Length + sortedCurrent.Length < 4
            ? double.NaN
            : AndersonDarlingTest.ComputeSorted(sortedReference, sortedCurrent).PValue;
    }

    private static (long[] Reference, long[] Current) NumericBins(
        ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent, int referenceDistinct, ColumnDriftOptions options)
    {
        if (referenceDistinct <= DiscreteBinLimit)
        {
            var union = DistinctCounts.FromSorted(sortedReference, sortedCurrent);
            return (union.ReferenceCounts, union.CurrentCounts);
        }

        var binCount = options.BinCount ?? (int)Math.Ceiling(Math.Log2(sortedReference.Length + (double)sortedCurrent.Length) + 1);
        var binning = DriftBinning.EqualWidth(sortedReference, binCount);
        return (binning.Count(sortedReference), binning.Count(sortedCurrent));
    }
}
