namespace Gyre.Data.Profiling;

public sealed record ProfileOptions
{
    /// <summary>Equal-width bins over [min, max] for numeric histograms (as numpy.histogram).</summary>
    public int HistogramBins { get; init; } = 10;

    /// <summary>Most frequent values listed for categorical, boolean and text columns.</summary>
    public int TopCategories { get; init; } = 10;

    /// <summary>Distinct values are counted exactly up to this many; above it the count stops and is flagged.</summary>
    public int MaxDistinct { get; init; } = 100_000;
}
