using Gyre.Core;
using Gyre.Training.Specs;
using Gyre.Tuning;

namespace Gyre.Pipelines.Tuning;

/// <summary>The metrics a study can optimise per task (the training code's metric names) and their natural direction.</summary>
public static class TuneMetrics
{
    private static readonly string[] Binary = ["roc_auc", "pr_auc", "accuracy", "precision", "recall", "f1", "log_loss"];
    private static readonly string[] Multiclass = ["micro_accuracy", "macro_accuracy", "macro_f1", "log_loss"];
    private static readonly string[] Regression = ["r2", "rmse", "mae"];
    private static readonly string[] Minimized = ["log_loss", "rmse", "mae"];

    /// <summary>The metrics of <paramref name="task"/>.</summary>
    public static IReadOnlyList<string> For(TaskKind task) => task switch
    {
        TaskKind.Binary => Binary,
        TaskKind.Multiclass => Multiclass,
        _ => Regression,
    };

    /// <summary>The metric used when a spec names none: roc_auc, micro_accuracy or r2.</summary>
    public static string Default(TaskKind task) => For(task)[0];

    /// <summary>Minimize for losses and errors (log_loss, rmse, mae), maximize otherwise.</summary>
    public static StudyDirection DirectionOf(string metric) =>
        Minimized.Contains(metric, StringComparer.Ordinal) ? StudyDirection.Minimize : StudyDirection.Maximize;

    /// <summary>The metric's canonical name; InvalidInput listing the valid ones.</summary>
    public static string Resolve(string metric, TaskKind task)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return For(task).FirstOrDefault(m => string.Equals(m, metric, StringComparison.OrdinalIgnoreCase))
            ?? throw GyreException.InvalidInput(
                $"unknown metric '{metric}' for a {task.ToString().ToLowerInvariant()} task; valid metrics are: {string.Join(", ", For(task))}.");
    }
}
