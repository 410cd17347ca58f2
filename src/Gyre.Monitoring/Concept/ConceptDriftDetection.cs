namespace Gyre.Monitoring.Concept;

/// <summary>
/// A change a streaming detector found in the error stream of labeled predictions (time order).
/// <paramref name="Detector"/>: "adwin", "ddm" or "page_hinkley"; <paramref name="Time"/>: Unix ms of the row at which
/// it fired (its position when times are unknown); <paramref name="Row"/>: that row's 0-based index in the labeled
/// stream; <paramref name="ErrorBefore"/> and <paramref name="ErrorAfter"/>: mean error of the rows before and from
/// that row up to the next detection (or the end), so a reader sees which way the model moved.
/// </summary>
public sealed record ConceptDriftDetection(string Detector, long Time, long Row, double ErrorBefore, double ErrorAfter);
