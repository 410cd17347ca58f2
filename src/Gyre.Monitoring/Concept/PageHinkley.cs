using Gyre.Core;

namespace Gyre.Monitoring.Concept;

/// <summary>
/// Page-Hinkley test, a port of river's <c>drift.PageHinkley</c>. With x̄ the running mean since the last
/// restart and d = x − x̄: S⁺ = α·S⁺ + d − δ and S⁻ = α·S⁻ + d + δ; a drift is an increase when
/// S⁺ − min S⁺ &gt; λ, a decrease when max S⁻ − S⁻ &gt; λ, tested once n ≥ min instances. As in river, max S⁻
/// starts at −1. The next value after a drift restarts everything. No warning zone.
/// </summary>
/// <remarks>Not thread-safe. O(1) memory.</remarks>
public sealed class PageHinkley : IStreamingDriftDetector
{
    private double _n;
    private double _mean;
    private double _sumIncrease;
    private double _sumDecrease;
    private double _minIncrease;
    private double _maxDecrease;

    /// <summary>Creates a detector with river's defaults.</summary>
    /// <exception cref="GyreException">A parameter is out of range.</exception>
    public PageHinkley(int minInstances = 30, double delta = 0.005, double threshold = 50.0, double alpha = 1 - 0.0001, PageHinkleyMode mode = PageHinkleyMode.Both)
    {
        if (minInstances < 0 || !(delta >= 0) || !(threshold > 0) || !(alpha > 0 && alpha <= 1) || !Enum.IsDefined(mode))
        {
            throw GyreException.InvalidInput(
                $"Page-Hinkley needs minInstances >= 0, delta >= 0, threshold > 0, alpha in (0, 1] (got {minInstances}, {delta}, {threshold}, {alpha}, {mode}).");
        }

        MinInstances = minInstances;
        Delta = delta;
        Threshold = threshold;
        Alpha = alpha;
        Mode = mode;
        Restart();
    }

    /// <summary>Values required (since the last restart) before a drift can be signalled.</summary>
    public int MinInstances { get; }

    /// <summary>Tolerated magnitude of change δ, in the unit of the values.</summary>
    public double Delta { get; }

    /// <summary>Detection threshold λ, in value units × values.</summary>
    public double Threshold { get; }

    /// <summary>Forgetting factor α applied to the cumulative sums.</summary>
    public double Alpha { get; }

    /// <summary>Direction(s) of change reported.</summary>
    public PageHinkleyMode Mode { get; }

    /// <inheritdoc />
    public bool DriftDetected { get; private set; }

    /// <inheritdoc />
    public bool WarningDetected => false;

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <inheritdoc />
    /// <exception cref="GyreException"><paramref name="value"/> is not finite.</exception>
    public void Update(double value)
    {
        if (!double.IsFinite(value))
        {
            throw GyreException.InvalidInput($"Page-Hinkley takes finite values, got {value}.");
        }

        if (DriftDetected)
        {
            Restart();
        }

        Count++;
        _n += 1;
        _mean += (1 / _n) * (value - _mean);
        var deviation = value - _mean;
        _sumIncrease = (Alpha * _sumIncrease) + deviation - Delta;
        _sumDecrease = (Alpha * _sumDecrease) + deviation + Delta;
        _minIncrease = Math.Min(_minIncrease, _sumIncrease);
        _maxDecrease = Math.Max(_maxDecrease, _sumDecrease);
        if (_n >= MinInstances)
        {
            var increase = _sumIncrease - _minIncrease > Threshold;
            var decrease = _maxDecrease - _sumDecrease > Threshold;
            DriftDetected = Mode switch
            {
                PageHinkleyMode.Up => increase,
                PageHinkleyMode.Down => decrease,
                _ => increase || decrease,
            };
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
        _n = 0;
        _mean = 0;
        _sumIncrease = 0;
        _sumDecrease = 0;
        _minIncrease = double.PositiveInfinity;
        _maxDecrease = -1;
    }
}
