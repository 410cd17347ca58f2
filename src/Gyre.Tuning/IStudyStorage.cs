using Gyre.Tuning.Distributions;

namespace Gyre.Tuning;

/// <summary>
/// Persistence of studies and trials. Implementations must be thread-safe; trial numbers are
/// assigned atomically per study (0, 1, 2, ... without gaps or duplicates). Shaped for a SQL
/// implementation: every method is one short transaction.
/// </summary>
public interface IStudyStorage
{
    /// <summary>Creates the study or returns the id of the existing one with that name.</summary>
    Task<long> CreateStudyAsync(string name, StudyDirection direction, CancellationToken cancellationToken);

    /// <summary>Creates a Running trial and returns its number.</summary>
    Task<int> CreateTrialAsync(long studyId, CancellationToken cancellationToken);

    /// <summary>Records a parameter of a Running trial; throws InvalidState if finished.</summary>
    Task SetParamAsync(long studyId, int trialNumber, string name, ParameterDistribution distribution, double internalValue, CancellationToken cancellationToken);

    /// <summary>Records an intermediate value of a Running trial at step <paramref name="stepIndex"/>.</summary>
    Task ReportIntermediateAsync(long studyId, int trialNumber, long stepIndex, double value, CancellationToken cancellationToken);

    /// <summary>Finishes a Running trial; throws InvalidState if already finished.</summary>
    Task FinishTrialAsync(long studyId, int trialNumber, TrialState state, double? value, string? errorMessage, CancellationToken cancellationToken);

    /// <summary>All trials of the study, ordered by number.</summary>
    Task<IReadOnlyList<FrozenTrial>> GetTrialsAsync(long studyId, CancellationToken cancellationToken);

    /// <summary>One trial.</summary>
    Task<FrozenTrial> GetTrialAsync(long studyId, int trialNumber, CancellationToken cancellationToken);
}
