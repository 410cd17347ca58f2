namespace Gyre.Pipelines.Definitions;

/// <summary>
/// A validated pipeline file: a name, parameters (defaults, overridable at run time) and steps forming a DAG.
/// <see cref="Stages"/> orders the steps: every step of a stage depends only on steps of earlier stages, so the
/// steps of one stage may run in parallel.
/// </summary>
public sealed record PipelineDefinition(
    string Name,
    string SourcePath,
    IReadOnlyDictionary<string, PipelineValue> Parameters,
    IReadOnlyList<StepDefinition> Steps,
    IReadOnlyList<IReadOnlyList<string>> Stages)
{
    public StepDefinition Step(string id) => Steps.First(s => s.Id == id);
}
