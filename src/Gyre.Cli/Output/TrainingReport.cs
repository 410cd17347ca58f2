using System.Globalization;
using Gyre.Pipelines.Jobs;
using Spectre.Console;

namespace Gyre.Cli.Output;

/// <summary>How `gyre train` and `gyre demo` present a finished tracked training (table or JSON).</summary>
public static class TrainingReport
{
    /// <summary>The JSON document of a training; its keys are a stable contract for scripts.</summary>
    public static object ToJson(TrainingJobResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = result.Outcome;
        return new
        {
            run_id = result.RunId.Value,
            experiment_id = result.ExperimentId.Value,
            run_name = result.RunName,
            task = outcome.Model.Task.ToString().ToLowerInvariant(),
            trainer = outcome.Trainer.Name,
            label = outcome.Labels.Label,
            positive_class = outcome.Labels.PositiveClass,
            class_names = outcome.Labels.ClassNames,
            training_rows = result.TrainingRows,
            evaluation_rows = result.EvaluationRows,
            evaluation_source = outcome.EvaluationSource.ToString().ToLowerInvariant(),
            metrics = outcome.Evaluation?.Metrics ?? new Dictionary<string, double>(),
            confusion_matrix = (object?)outcome.Evaluation?.Binary?.ConfusionMatrix ?? outcome.Evaluation?.Multiclass?.ConfusionMatrix,
            cross_validation = outcome.CrossValidation.ToDictionary(s => s.Name, s => new { mean = s.Mean, std = s.StdDev, folds = s.PerFold }),
            hyperparameters = outcome.Trainer.EffectiveHyperparameters,
            feature_importance = outcome.Importance.Select(i => new { column = i.Column, mean = i.Mean, std = i.StdDev }),
            fit_seconds = outcome.FitTime.TotalSeconds,
            data_fingerprint = result.DataFingerprint,
            model_path = result.ModelPath,
        };
    }

    public static void Write(IAnsiConsole console, TrainingJobResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        var outcome = result.Outcome;
        var cv = outcome.CrossValidation.ToDictionary(s => s.Name);
        var metricNames = (outcome.Evaluation?.Metrics.Keys ?? []).Concat(cv.Keys).Distinct().ToList();
        var evaluationTitle = outcome.EvaluationSource switch
        {
            Gyre.Training.Validation.EvaluationSource.TestTable => $"test ({result.EvaluationRows} rows)",
            Gyre.Training.Validation.EvaluationSource.Holdout => $"holdout ({result.EvaluationRows} rows)",
            _ => "no evaluation set",
        };
        var table = new Table()
            .Title($"[bold]{Markup.Escape(outcome.Trainer.Name)}[/] on {result.TrainingRows} training rows")
            .AddColumn("metric")
            .AddColumn(new TableColumn(Markup.Escape(evaluationTitle)).RightAligned());
        if (cv.Count > 0)
        {
            table.AddColumn(new TableColumn($"{outcome.Folds.Count}-fold CV (mean ± std)").RightAligned());
        }

        foreach (var name in metricNames)
        {
            var cells = new List<string> { Markup.Escape(name), Consoles.Metric(outcome.Evaluation?.Metrics.TryGetValue(name, out var v) == true ? v : null) };
            if (cv.Count > 0)
            {
                cells.Add(cv.TryGetValue(name, out var s) ? $"{Consoles.Metric(s.Mean)} ± {Consoles.Metric(s.StdDev)}" : "-");
            }

            table.AddRow([.. cells]);
        }

        console.Write(table);
        if ((outcome.Evaluation?.Binary?.ConfusionMatrix ?? outcome.Evaluation?.Multiclass?.ConfusionMatrix) is { } matrix)
        {
            var confusion = new Table().Title("confusion matrix (rows: actual, columns: predicted)").AddColumn("");
            foreach (var name in matrix.Classes)
            {
                confusion.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
            }

            for (var i = 0; i < matrix.Classes.Count; i++)
            {
                confusion.AddRow([Markup.Escape(matrix.Classes[i]), .. matrix.Counts[i].Select(c => c.ToString(CultureInfo.InvariantCulture))]);
            }

            console.Write(confusion);
        }

        if (outcome.Importance.Count > 0)
        {
            var importance = new Table().Title("permutation importance (drop in the primary metric)").AddColumn("column").AddColumn(new TableColumn("mean ± std").RightAligned());
            foreach (var item in outcome.Importance.Take(15))
            {
                importance.AddRow(Markup.Escape(item.Column), $"{Consoles.Metric(item.Mean)} ± {Consoles.Metric(item.StdDev)}");
            }

            console.Write(importance);
        }

        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("run id", result.RunId.Value);
        grid.AddRow("experiment", result.ExperimentId.Value);
        grid.AddRow("fit time", $"{outcome.FitTime.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s (final model)");
        grid.AddRow("model package", Markup.Escape(result.ModelPath));
        grid.AddRow("data sha-256", result.DataFingerprint);
        console.Write(grid);
    }
}
