using Gyre.Core;
using Gyre.Training.Specs;

namespace Gyre.Pipelines.Batch;

/// <summary>
/// The columns batch scoring writes: the passthrough columns, then the model's outputs (binary: predicted_label,
/// probability; multiclass: predicted_label, probability, probability_CLASS...; regression: prediction).
/// </summary>
internal sealed record BatchOutputColumns(IReadOnlyList<string> Passthrough, IReadOnlyList<string> Outputs, TaskKind Task)
{
    public IReadOnlyList<string> All { get; } = [.. Passthrough, .. Outputs];

    /// <summary>The model's output names for <paramref name="task"/>; throws InvalidInput when a passthrough column has one of them.</summary>
    public static BatchOutputColumns For(TaskKind task, IReadOnlyList<string> classNames, IReadOnlyList<string> passthrough)
    {
        var outputs = task switch
        {
            TaskKind.Binary => ["predicted_label", "probability"],
            TaskKind.Multiclass => ["predicted_label", "probability", .. classNames.Select(c => "probability_" + c)],
            _ => new List<string> { "prediction" },
        };
        var clash = outputs.FirstOrDefault(passthrough.Contains);
        if (clash is not null)
        {
            throw GyreException.InvalidInput($"The input already has a column named '{clash}', which the output would repeat; rename it, or leave it out with --passthrough.");
        }

        return new BatchOutputColumns(passthrough, outputs, task);
    }
}
