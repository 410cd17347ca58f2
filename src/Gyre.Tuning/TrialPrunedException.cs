namespace Gyre.Tuning;

/// <summary>Thrown by an objective to stop a trial that <see cref="Trial.ShouldPrune"/> flagged; the trial is recorded Pruned.</summary>
public sealed class TrialPrunedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrialPrunedException() : base("Trial was pruned.") { }

    /// <summary>Creates the exception with a message.</summary>
    public TrialPrunedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public TrialPrunedException(string message, Exception innerException) : base(message, innerException) { }
}
