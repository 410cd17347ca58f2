namespace Gyre.Monitoring.Concept;

/// <summary>
/// Runs the streaming detectors over an error stream in time order and lists where each fired: ADWIN and
/// Page-Hinkley on every stream, DDM only on 0/1 streams (classification errors), all with river's defaults.
/// Thread-safe (fresh detectors per call).
/// </summary>
public static class ErrorStreamScan
{
    /// <summary>
    /// Detections in stream order per detector. <paramref name="errors"/>: 1/0 for wrong/right classifications, or a
    /// loss (e.g. absolute error) for regression; <paramref name="times"/>: the matching Unix ms, same length.
    /// </summary>
    public static IReadOnlyList<ConceptDriftDetection> Scan(IReadOnlyList<double> errors, IReadOnlyList<long> times)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(times);
        if (errors.Count != times.Count)
        {
            throw new ArgumentException($"{errors.Count} errors but {times.Count} times.", nameof(times));
        }

        var binary = errors.All(e => e is 0 or 1);
        var detectors = new List<(string Name, IStreamingDriftDetector Detector)> { ("adwin", new Adwin()), ("page_hinkley", new PageHinkley()) };
        if (binary)
        {
            detectors.Add(("ddm", new Ddm()));
        }

        var detections = new List<ConceptDriftDetection>();
        foreach (var (name, detector) in detectors)
        {
            var rows = new List<int>();
            for (var i = 0; i < errors.Count; i++)
            {
                detector.Update(errors[i]);
                if (detector.DriftDetected)
                {
                    rows.Add(i);
                }
            }

            for (var k = 0; k < rows.Count; k++)
            {
                var start = k == 0 ? 0 : rows[k - 1];
                var end = k + 1 < rows.Count ? rows[k + 1] : errors.Count;
                detections.Add(new ConceptDriftDetection(name, times[rows[k]], rows[k], Mean(errors, start, rows[k]), Mean(errors, rows[k], end)));
            }
        }

        return detections;
    }

    private static double Mean(IReadOnlyList<double> values, int from, int to)
    {
        if (to <= from)
        {
            return 0;
        }

        var sum = 0.0;
        for (var i = from; i < to; i++)
        {
            sum += values[i];
        }

        return sum / (to - from);
    }
}
