namespace Gyre.Training.Evaluation;

/// <summary>
/// Neumaier (improved Kahan) summation: the error of the running total stays at a few ulps whatever
/// the number of terms. Mutable value type: use it as a local, never copy it while summing.
/// </summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    /// <summary>The total; NaN if a term was NaN, ±∞ if the terms overflow or include an infinity.</summary>
    public readonly double Value => double.IsFinite(_sum) ? _sum + _compensation : _sum;

    public void Add(double term)
    {
        var total = _sum + term;
        _compensation += Math.Abs(_sum) >= Math.Abs(term)
            ? (_sum - total) + term
            : (term - total) + _sum;
        _sum = total;
    }
}
