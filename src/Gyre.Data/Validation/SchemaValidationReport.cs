namespace Gyre.Data.Validation;

/// <summary>
/// The result of <see cref="SchemaValidator.ValidateAsync"/>. <see cref="Violations"/> holds at most the
/// requested number; <see cref="TotalViolations"/> counts them all.
/// </summary>
public sealed record SchemaValidationReport(string Path, long RowsChecked, long TotalViolations, IReadOnlyList<SchemaViolation> Violations)
{
    public bool IsValid => TotalViolations == 0;

    /// <summary>True when more violations were found than are listed.</summary>
    public bool IsTruncated => TotalViolations > Violations.Count;
}
