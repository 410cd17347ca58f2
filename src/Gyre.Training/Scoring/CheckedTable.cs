using Gyre.Data.Tables;

namespace Gyre.Training.Scoring;

/// <summary>The outcome of <see cref="SignatureChecker.Check"/>: the converted table (null when a column is absent), which rows are valid, and findings.</summary>
internal sealed record CheckedTable(DataTable? Conformed, bool[] Valid, List<SignatureViolation> Violations, List<ScoringWarning> Warnings);
