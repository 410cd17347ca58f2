namespace Gyre.Monitoring.Drift;

/// <summary>
/// Compensated (Neumaier) running sum: error independent of the number of terms, so long sums agree with
/// numpy's pairwise <c>np.sum</c> to a few ulps. A mutable value type; use one per thread.
/// </summary>
internal struct NeumaierSum
{
    private double _sum;
    private double _compensation;

    /// <summary>The compensated total.</summary>
    public readonly double Value => _sum + _compensation;

    /// <summary>Adds one term.</summary>
    public void Add(double value)
    {
        var total = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - total) + value : (value - total) + _sum;
        _sum = total;
    }
}
