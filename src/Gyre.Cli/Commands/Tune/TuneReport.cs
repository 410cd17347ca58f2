using System.Globalization;
using Gyre.Cli.Output;
using Gyre.Pipelines.Tuning;
using Gyre.Tuning;
using Spectre.Console;

namespace Gyre.Cli.Commands.Tune;

/// <summary>How `gyre tune` presents progress and its result (table or JSON).</summary>
public static class TuneReport
{
    /// <summary>The JSON document of a finished study; its keys are a stable contract for scripts.</summary>
    public static object ToJson(TuningJobResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var best = result.BestTrial;
        return new
        {
            study = result.Study,
            metric = result.Metric,
            direction = result.Direction.ToString().ToLowerInvariant(),
            study_run_id = result.StudyRunId.Value,
            trials = new
            {
                total = result.Counts.Total,
                complete = result.Counts.Complete,
                pruned = result.Counts.Pruned,
                failed = result.Counts.Failed,
            },
            best_trial = best is null ? null : new
            {
                number = best.Number,
                value = best.Value,
                @params = best.Params.ToDictionary(p => p.Key, p => p.Value),
                run_id = best.UserAttrs.GetValueOrDefault(TuneTags.RunIdAttr),
            },
            best_run_id = result.BestModel?.RunId.Value,
            model_path = result.BestModel?.ModelPath,
        };
    }

    /// <summary>One progress line per finished trial: its state and value, and the best so far.</summary>
    public static string ProgressLine(TuningProgress progress, string metric)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var trial = progress.Trial;
        var outcome = trial.State switch
        {
            TrialState.Complete => $"{metric} {Consoles.Metric(trial.Value)}",
            TrialState.Pruned => $"pruned at step {trial.LastStep?.ToString(CultureInfo.InvariantCulture) ?? "-"}",
            _ => $"failed: {trial.ErrorMessage}",
        };
        var best = progress.Best is { } b ? $"best {Consoles.Metric(b.Value)} (trial {b.Number})" : "no complete trial yet";
        return $"trial {trial.Number} ({progress.Finished}/{progress.Budget}): {outcome}; {best}";
    }

    public static void Write(IAnsiConsole console, TuningJobResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        var c = result.Counts;
        console.MarkupLine($"Study [bold]{Markup.Escape(result.Study)}[/]: {c.Complete} complete, {c.Pruned} pruned, {c.Failed} failed ({result.Direction.ToString().ToLowerInvariant()} {Markup.Escape(result.Metric)}).");
        if (result.BestTrial is not { } best)
        {
            console.MarkupLine("No trial completed, so no model was trained.");
            return;
        }

        var table = new Table().Title($"best trial {best.Number}: {Markup.Escape(result.Metric)} {Consoles.Metric(best.Value)}").AddColumn("hyperparameter").AddColumn(new TableColumn("value").RightAligned());
        foreach (var (name, value) in best.Params.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(SearchParameter.Format(value)));
        }

        console.Write(table);
        console.MarkupLine($"Study run: {Markup.Escape(result.StudyRunId.Value)}");
        if (result.BestModel is { } model)
        {
            console.MarkupLine($"Best model: run {Markup.Escape(model.RunId.Value)}, package {Markup.Escape(model.ModelPath)}");
            console.MarkupLine($"Register it with: gyre models register NAME --run {Markup.Escape(model.RunId.Value)}");
        }
    }
}
