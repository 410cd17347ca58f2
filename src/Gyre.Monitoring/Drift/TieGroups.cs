namespace Gyre.Monitoring.Drift;

/// <summary>
/// Walks two ascending samples together, one distinct value of the pooled sample at a time. After each successful
/// <see cref="MoveNext"/>, <see cref="Value"/> is the value and [<see cref="StartX"/>, <see cref="EndX"/>) and
/// [<see cref="StartY"/>, <see cref="EndY"/>) are its positions in each sample (empty when a sample lacks it); so
/// <see cref="EndX"/> and <see cref="EndY"/> count the values ≤ <see cref="Value"/>. O(n + m) in all.
/// </summary>
internal ref struct TieGroups(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
{
    private readonly ReadOnlySpan<double> _x = x;
    private readonly ReadOnlySpan<double> _y = y;

    public double Value { get; private set; }

    public int StartX { get; private set; }

    public int EndX { get; private set; }

    public int StartY { get; private set; }

    public int EndY { get; private set; }

    /// <summary>Values in this group (both samples).</summary>
    public readonly int Size => EndX - StartX + (EndY - StartY);

    /// <summary>True once every value of both samples has been visited.</summary>
    public readonly bool AtEnd => EndX >= _x.Length && EndY >= _y.Length;

    /// <summary>The smallest value not yet visited; only valid while not <see cref="AtEnd"/>.</summary>
    public readonly double NextValue => EndY >= _y.Length || (EndX < _x.Length && _x[EndX] <= _y[EndY]) ? _x[EndX] : _y[EndY];

    /// <summary>Advances to the next distinct value; false when both samples are exhausted.</summary>
    public bool MoveNext()
    {
        if (AtEnd)
        {
            return false;
        }

        Value = NextValue;
        StartX = EndX;
        StartY = EndY;
        var i = EndX;
        while (i < _x.Length && _x[i] == Value)
        {
            i++;
        }

        var j = EndY;
        while (j < _y.Length && _y[j] == Value)
        {
            j++;
        }

        EndX = i;
        EndY = j;
        return true;
    }
}
