using Gyre.Core;

namespace Gyre.Monitoring.Concept;

/// <summary>
/// ADaptive WINdowing (Bifet &amp; Gavaldà 2007, ADWIN2), a port of river's <c>drift.ADWIN</c>. The window is
/// kept as an exponential histogram: rows of buckets holding 2^row values each, at most
/// <see cref="MaxBuckets"/> per row before the two oldest merge upward, so memory is O(MaxBuckets · log W).
/// Every <see cref="Clock"/> values (once the width exceeds <see cref="GracePeriod"/>) each bucket boundary
/// splits the window into older W0 and newer W1, both at least <see cref="MinWindowLength"/> long; the cut
/// fires when |μ0 − μ1| &gt; ε = √(2·m·σ²·δ′) + (2/3)·δ′·m with m = 1/(n0 − mwl + 1) + 1/(n1 − mwl + 1),
/// δ′ = ln(2·ln W / δ) and σ² the window variance; the oldest bucket is dropped and the scan repeats while cuts
/// fire. As in river, the detector restarts from an empty window on the value after a drift. No warning zone.
/// </summary>
/// <remarks>Not thread-safe.</remarks>
public sealed class Adwin : IStreamingDriftDetector
{
    private readonly List<BucketRow> _rows = [];
    private double _total;
    private double _variance;
    private double _width;
    private long _tick;

    /// <summary>Creates a detector with river's defaults.</summary>
    /// <exception cref="GyreException">A parameter is out of range.</exception>
    public Adwin(double delta = 0.002, int clock = 32, int maxBuckets = 5, int minWindowLength = 5, int gracePeriod = 10)
    {
        if (!(delta > 0 && delta < 1) || clock < 1 || maxBuckets < 2 || minWindowLength < 1 || gracePeriod < 0)
        {
            throw GyreException.InvalidInput(
                $"ADWIN needs delta in (0, 1), clock >= 1, maxBuckets >= 2, minWindowLength >= 1, gracePeriod >= 0 (got {delta}, {clock}, {maxBuckets}, {minWindowLength}, {gracePeriod}).");
        }

        Delta = delta;
        Clock = clock;
        MaxBuckets = maxBuckets;
        MinWindowLength = minWindowLength;
        GracePeriod = gracePeriod;
        Restart();
    }

    /// <summary>Confidence δ of the cut test.</summary>
    public double Delta { get; }

    /// <summary>A cut test runs every this many values.</summary>
    public int Clock { get; }

    /// <summary>Buckets of one size kept before the two oldest merge.</summary>
    public int MaxBuckets { get; }

    /// <summary>Minimum length of each sub-window of a cut.</summary>
    public int MinWindowLength { get; }

    /// <summary>No cut test runs until the window is longer than this.</summary>
    public int GracePeriod { get; }

    /// <summary>Number of values in the current window.</summary>
    public long Width => (long)_width;

    /// <summary>Mean of the current window (0 when empty).</summary>
    public double Estimation => _width == 0 ? 0 : _total / _width;

    /// <summary>Sum of squared deviations from the mean within the window.</summary>
    public double Variance => _variance;

    /// <summary>Buckets currently held (the memory footprint, O(log Width)).</summary>
    public int BucketCount => _rows.Sum(r => r.Count);

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
            throw GyreException.InvalidInput($"ADWIN takes finite values, got {value}.");
        }

        if (DriftDetected)
        {
            Restart();
        }

        Count++;
        Insert(value);
        DriftDetected = DetectChange();
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
        _rows.Clear();
        _rows.Add(new BucketRow(MaxBuckets));
        _total = 0;
        _variance = 0;
        _width = 0;
        _tick = 0;
    }

    private static double BucketSize(int row) => Math.Pow(2, row);

    private void Insert(double value)
    {
        _rows[0].Append(value, 0);
        _width += 1;
        if (_width > 1)
        {
            var previousMean = _total / (_width - 1);
            _variance += (_width - 1) * (value - previousMean) * (value - previousMean) / _width;
        }

        _total += value;
        CompressBuckets();
    }

    private void CompressBuckets()
    {
        for (var row = 0; row < _rows.Count; row++)
        {
            var bucket = _rows[row];
            if (bucket.Count != MaxBuckets + 1)
            {
                return;
            }

            if (row + 1 == _rows.Count)
            {
                _rows.Add(new BucketRow(MaxBuckets));
            }

            var next = _rows[row + 1];
            var size = BucketSize(row);
            var mean1 = bucket.Totals[0] / size;
            var mean2 = bucket.Totals[1] / size;
            var total = bucket.Totals[0] + bucket.Totals[1];
            var between = size * size * (mean1 - mean2) * (mean1 - mean2) / (size + size);
            next.Append(total, bucket.Variances[0] + bucket.Variances[1] + between);
            bucket.RemoveOldest(2);
            if (next.Count <= MaxBuckets)
            {
                return;
            }
        }
    }

    private double DeleteOldestBucket()
    {
        var last = _rows.Count - 1;
        var bucket = _rows[last];
        var size = BucketSize(last);
        var total = bucket.Totals[0];
        var mean = total / size;
        var variance = bucket.Variances[0];
        _width -= size;
        _total -= total;
        var windowMean = _total / _width;
        _variance -= variance + (size * _width * (mean - windowMean) * (mean - windowMean) / (size + _width));
        bucket.RemoveOldest(1);
        if (bucket.Count == 0)
        {
            _rows.RemoveAt(last);
        }

        return size;
    }

    private bool DetectChange()
    {
        var changeDetected = false;
        _tick++;
        if (_tick % Clock != 0 || !(_width > GracePeriod))
        {
            return false;
        }

        var reduceWidth = true;
        while (reduceWidth)
        {
            reduceWidth = false;
            var exit = false;
            double n0 = 0, n1 = _width, u0 = 0, u1 = _total;
            for (var row = _rows.Count - 1; row >= 0 && !exit; row--)
            {
                var bucket = _rows[row];
                var size = BucketSize(row);

                // river scans k < count − 1 in each row (the newest bucket of a row is never a cut point).
                for (var k = 0; k < bucket.Count - 1; k++)
                {
                    n0 += size;
                    n1 -= size;
                    u0 += bucket.Totals[k];
                    u1 -= bucket.Totals[k];
                    var deltaMean = (u0 / n0) - (u1 / n1);
                    if (n1 >= MinWindowLength && n0 >= MinWindowLength && CutFires(n0, n1, deltaMean))
                    {
                        reduceWidth = true;
                        changeDetected = true;
                        if (_width > 0)
                        {
                            DeleteOldestBucket();
                            exit = true;
                            break;
                        }
                    }
                }
            }
        }

        return changeDetected;
    }

    private bool CutFires(double n0, double n1, double deltaMean)
    {
        var deltaPrime = Math.Log(2 * Math.Log(_width) / Delta);
        var mReciprocal = (1.0 / (n0 - MinWindowLength + 1)) + (1.0 / (n1 - MinWindowLength + 1));
        var epsilon = Math.Sqrt(2 * mReciprocal * (_variance / _width) * deltaPrime) + (2.0 / 3.0 * deltaPrime * mReciprocal);
        return Math.Abs(deltaMean) > epsilon;
    }

    /// <summary>Buckets of one size, oldest first, in fixed arrays of MaxBuckets + 1 slots (as river).</summary>
    private sealed class BucketRow(int maxBuckets)
    {
        public double[] Totals { get; } = new double[maxBuckets + 1];

        public double[] Variances { get; } = new double[maxBuckets + 1];

        public int Count { get; private set; }

        public void Append(double total, double variance)
        {
            Totals[Count] = total;
            Variances[Count] = variance;
            Count++;
        }

        public void RemoveOldest(int buckets)
        {
            Array.Copy(Totals, buckets, Totals, 0, Totals.Length - buckets);
            Array.Copy(Variances, buckets, Variances, 0, Variances.Length - buckets);
            Array.Clear(Totals, Totals.Length - buckets, buckets);
            Array.Clear(Variances, Variances.Length - buckets, buckets);
            Count -= buckets;
        }
    }
}
