namespace Gyre.Tuning;

/// <summary>A stored study, without its trials.</summary>
/// <param name="Id">Storage id.</param>
/// <param name="Name">Unique name.</param>
/// <param name="Direction">Optimisation direction, fixed at creation.</param>
/// <param name="CreatedAt">UTC creation time.</param>
/// <param name="UserAttrs">Study attributes (e.g. the spec, the parent tracking run id).</param>
public sealed record StudySummary(
    long Id,
    string Name,
    StudyDirection Direction,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string> UserAttrs);
