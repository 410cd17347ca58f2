namespace Gyre.Pipelines.Definitions;

/// <summary>
/// A kind of pipeline step: the inputs its <c>with:</c> block takes (<see cref="Required"/> and <see cref="Optional"/>)
/// and the outputs later steps may reference as <c>${steps.ID.outputs.NAME}</c>. <see cref="Cached"/>: whether its
/// steps are cached unless a step says otherwise (kinds with side effects, such as registering a version or running
/// a command, are not).
/// </summary>
public sealed record StepKind(string Name, string Description, IReadOnlyList<string> Required, IReadOnlyList<string> Optional, IReadOnlyList<string> Outputs, bool Cached)
{
    /// <summary>Every input name this kind accepts.</summary>
    public IEnumerable<string> Inputs => Required.Concat(Optional);
}
