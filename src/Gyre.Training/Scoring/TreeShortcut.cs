using Gyre.Training.Validation;

namespace Gyre.Training.Scoring;

/// <summary>
/// Scores a tree-ensemble model's rows without ML.NET's tree and calibrator steps: the row engine still has ML.NET
/// compute the featurized vector, and <see cref="BoostedTreeEnsemble"/> walks the trees on it (about three times
/// faster than ML.NET's mapper for that part). It is trusted only after proof: the first <see cref="VerifyRows"/>
/// rows it scores are also scored by ML.NET, and a single differing bit turns it off for good (the engines then use
/// ML.NET alone). Thread-safe: engines on many threads share one.
/// </summary>
internal sealed class TreeShortcut(BoostedTreeEnsemble ensemble)
{
    /// <summary>How many rows are scored both ways before the shortcut is trusted alone.</summary>
    public const int VerifyRows = 512;

    private int _verified;
    private volatile bool _disabled;

    public BoostedTreeEnsemble Ensemble { get; } = ensemble;

    /// <summary>False once a checked row differed from ML.NET.</summary>
    public bool Enabled => !_disabled;

    /// <summary>True while rows must still be compared with ML.NET.</summary>
    public bool NeedsCheck => Volatile.Read(ref _verified) < VerifyRows;

    /// <summary>Rows scored by both ways so far (for tests).</summary>
    public int Verified => Volatile.Read(ref _verified);

    /// <summary>The model's output for a dense feature row: the calibrated probability (binary) or the score.</summary>
    public float Output(ReadOnlySpan<float> features)
    {
        var score = Ensemble.Score(features);
        return Ensemble.Calibrator is { } calibrator ? calibrator.PredictProbability(score) : score;
    }

    /// <summary>Records one comparison; false (and the shortcut off) when <paramref name="ours"/> is not ML.NET's value bit for bit.</summary>
    public bool Check(float ours, float mlNet)
    {
        if (BitConverter.SingleToInt32Bits(ours) != BitConverter.SingleToInt32Bits(mlNet))
        {
            _disabled = true;
            return false;
        }

        Interlocked.Increment(ref _verified);
        return true;
    }
}
