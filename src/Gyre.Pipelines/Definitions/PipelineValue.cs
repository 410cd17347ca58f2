using System.Text.RegularExpressions;

namespace Gyre.Pipelines.Definitions;

/// <summary>
/// A value in a pipeline file: text that may hold references, <c>${params.NAME}</c> or <c>${steps.ID.outputs.NAME}</c>,
/// resolved when the step runs. <see cref="Line"/> is where it stands in the file.
/// </summary>
public sealed partial record PipelineValue(string Text, int Line)
{
    /// <summary>Every reference in the text, in order.</summary>
    public IReadOnlyList<PipelineReference> References { get; } = Parse(Text);

    /// <summary>The text with each reference replaced by <paramref name="resolve"/>'s value.</summary>
    public string Resolve(Func<PipelineReference, string> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        return ReferencePattern().Replace(Text, match => resolve(FromMatch(match)));
    }

    /// <summary>The <c>${...}</c> spans that are not a well-formed reference (for errors).</summary>
    public IEnumerable<string> Malformed() =>
        AnyPlaceholder().Matches(Text).Select(m => m.Value).Where(v => !ReferencePattern().IsMatch(v));

    private static List<PipelineReference> Parse(string text) =>
        [.. ReferencePattern().Matches(text).Select(FromMatch)];

    private static PipelineReference FromMatch(Match match) => match.Groups["param"].Success
        ? new PipelineReference(null, match.Groups["param"].Value, match.Value)
        : new PipelineReference(match.Groups["step"].Value, match.Groups["output"].Value, match.Value);

    [GeneratedRegex(@"\$\{(?:params\.(?<param>[A-Za-z_][\w-]*)|steps\.(?<step>[A-Za-z_][\w-]*)\.outputs\.(?<output>[A-Za-z_][\w-]*))\}")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"\$\{[^}]*\}?")]
    private static partial Regex AnyPlaceholder();
}

/// <summary>A reference: a parameter (<see cref="Step"/> null) or a step's output; <see cref="Written"/> is its text.</summary>
public sealed record PipelineReference(string? Step, string Name, string Written);
