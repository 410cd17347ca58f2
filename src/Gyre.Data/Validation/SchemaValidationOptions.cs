using Gyre.Data.Reading;

namespace Gyre.Data.Validation;

public sealed record SchemaValidationOptions
{
    public ReadOptions Read { get; init; } = new();

    /// <summary>How many violations are listed at most (all are counted).</summary>
    public int MaxViolations { get; init; } = 100;
}
