namespace Gyre.Monitoring.Concept;

/// <summary>
/// A detector of change in a stream of values (error indicators, losses, scores), with river's semantics:
/// call <see cref="Update"/> per value, then read <see cref="DriftDetected"/> / <see cref="WarningDetected"/>,
/// which describe the value just added. After a drift the detector starts afresh on the next value.
/// </summary>
/// <remarks>Not thread-safe: one detector belongs to one stream.</remarks>
public interface IStreamingDriftDetector
{
    /// <summary>Adds one value to the stream.</summary>
    void Update(double value);

    /// <summary>Whether the last <see cref="Update"/> signalled a change.</summary>
    bool DriftDetected { get; }

    /// <summary>Whether the last <see cref="Update"/> left the detector in its warning zone (always false for detectors without one).</summary>
    bool WarningDetected { get; }

    /// <summary>Values passed to <see cref="Update"/> since construction or the last <see cref="Reset"/> (automatic restarts after a drift do not clear it).</summary>
    long Count { get; }

    /// <summary>Forgets everything, as a newly constructed detector.</summary>
    void Reset();
}
