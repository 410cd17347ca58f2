using Gyre.Monitoring.Concept;
using Gyre.Monitoring.Drift;
using Gyre.Monitoring.Fairness;
using Gyre.Monitoring.Performance;

namespace Gyre.Monitoring.Reports;

/// <summary>
/// Everything a monitoring report shows, as aggregates only: written as self-contained HTML or as JSON.
/// <paramref name="Model"/> is "name@alias" or "name/version" when the reference came from a package.
/// <paramref name="Warnings"/> are human sentences about degraded input (empty windows, missing columns).
/// <paramref name="ConceptDrift"/>: where streaming detectors (ADWIN, DDM, Page-Hinkley) found a change in the error
/// stream of labeled predictions (null or empty when no labels or no change).
/// </summary>
public sealed record MonitoringReport(
    string Title,
    DateTimeOffset GeneratedAt,
    string? Model,
    DataSourceInfo Reference,
    DataSourceInfo Current,
    DatasetDriftResult Drift,
    IReadOnlyList<ColumnDistribution> Distributions,
    IReadOnlyList<PerformanceWindow> Performance,
    IReadOnlyList<FairnessResult> Fairness,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<ConceptDriftDetection>? ConceptDrift = null);
