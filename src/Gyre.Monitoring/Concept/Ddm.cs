using Gyre.Core;

namespace Gyre.Monitoring.Concept;

/// <summary>
/// Drift Detection Method (Gama et al. 2004), a port of river's <c>drift.binary.DDM</c>. Input: 1 = error,
/// 0 = correct. With p the running error rate and s = √(p(1 − p)/n), once n &gt; warm start it tracks the
/// (p, s) at which p + s is minimal and signals a warning when p + s &gt; p_min + w·s_min and a drift when
/// p + s &gt; p_min + d·s_min (drift clears the warning); the next value after a drift restarts the statistics.
/// </summary>
/// <remarks>Not thread-safe. O(1) memory.</remarks>
public sealed class Ddm : IStreamingDriftDetector
{
    private double _n;
    private double _mean;
    private double _pMin;
    private double _sMin;
    private double _psMin;

    /// <summary>Creates a detector with river's defaults (30, 2.0, 3.0).</summary>
    /// <exception cref="GyreException">A parameter is out of range.</exception>
    public Ddm(int warmStart = 30, double warningThreshold = 2.0, double driftThreshold = 3.0)
    {
        if (warmStart < 0 || !(warningThreshold > 0) || !(driftThreshold > 0))
        {
            throw GyreException.InvalidInput(
                $"DDM needs warmStart >= 0 and positive thresholds (warmStart {warmStart}, warningThreshold {warningThreshold}, driftThreshold {driftThreshold}).");
        }

        WarmStart = warmStart;
        WarningThreshold = warningThreshold;
        DriftThreshold = driftThreshold;
        Restart();
    }

    /// <summary>Values required before a warning or drift can be signalled.</summary>
    public int WarmStart { get; }

    /// <summary>Warning level w, in units of s_min.</summary>
    public double WarningThreshold { get; }

    /// <summary>Drift level d, in units of s_min.</summary>
    public double DriftThreshold { get; }

    /// <inheritdoc />
    public bool DriftDetected { get; private set; }

    /// <inheritdoc />
    public bool WarningDetected { get; private set; }

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <summary>The running error rate since the last restart.</summary>
    public double ErrorRate => _mean;

    /// <inheritdoc />
    /// <exception cref="GyreException"><paramref name="value"/> is neither 0 nor 1.</exception>
    public void Update(double value)
    {
        if (value is not (0.0 or 1.0))
        {
            throw GyreException.InvalidInput($"DDM takes 0 (correct) or 1 (error), got {value}.");
        }

        if (DriftDetected)
        {
            Restart();
        }

        Count++;
        _n += 1;
        _mean += (1 / _n) * (value - _mean);
        var p = _mean;
        var s = Math.Sqrt(p * (1 - p) / _n);
        if (_n <= WarmStart)
        {
            return;
        }

        if (p + s <= _psMin)
        {
            _pMin = p;
            _sMin = s;
            _psMin = p + s;
        }

        WarningDetected = p + s > _pMin + (WarningThreshold * _sMin);
        if (p + s > _pMin + (DriftThreshold * _sMin))
        {
            DriftDetected = true;
            WarningDetected = false;
        }
    }

    /// <inheritdoc />
    public void Reset()
    {
        Restart();
        Count = 0;
    }

    private void Restart()
    {
        DriftDetected = false;
        WarningDetected = false;
        _n = 0;
        _mean = 0;
        _pMin = double.PositiveInfinity;
        _sMin = double.PositiveInfinity;
        _psMin = double.PositiveInfinity;
    }
}
