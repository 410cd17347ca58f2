using System.Globalization;
using Gyre.Core;
using Gyre.Monitoring.Drift;
using Gyre.Monitoring.Reports;
using Gyre.Pipelines.Monitoring;
using Gyre.Pipelines.Registry;

namespace Gyre.Pipelines.Running;

/// <summary>
/// The <c>monitor.report</c> step: compares production data (<c>current</c>, a CSV or Parquet file, or a profile saved
/// by `gyre monitor profile`) with the model's reference (<c>reference</c>, a file or profile; default the monitoring
/// profile stored in the model's package) through <see cref="MonitorJob"/>, as `gyre monitor report` does, and writes
/// the HTML report (<see cref="HtmlReportWriter"/>) to <c>html</c>, default <c>STEP-monitoring.html</c> in the working
/// folder. <c>drift_share</c>: dataset drift when at least this share of the tested columns drift (default 0.5, as
/// `gyre monitor report --drift-share`). <c>model</c>: a package folder or NAME@ALIAS / NAME/VERSION (through <paramref name="loader"/>). Outputs:
/// <c>report</c> (the HTML file's full path) and <c>drifted</c> ("true" when dataset drift was detected, else "false").
/// Drift does not fail the step; a later step can gate on <c>drifted</c>.
/// </summary>
public sealed class MonitorReportStepExecutor(RegisteredModelLoader? loader) : IStepExecutor
{
    public string Kind => "monitor.report";

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.Inputs;
        var request = new MonitorRequest
        {
            Model = ModelInput.Resolve(inputs["model"], context.WorkingDirectory),
            CurrentPath = Path.GetFullPath(inputs["current"], context.WorkingDirectory),
            ReferencePath = inputs.TryGetValue("reference", out var reference) ? Path.GetFullPath(reference, context.WorkingDirectory) : null,
            Drift = DatasetDriftOptions.Default with { DriftShare = DriftShare(context) },
        };
        var html = Path.GetFullPath(inputs.GetValueOrDefault("html") ?? $"{context.StepId}-monitoring.html", context.WorkingDirectory);
        await context.Log.WriteLineAsync($"monitoring {request.CurrentPath} against {request.ReferencePath ?? "the model's training profile"} ({request.Model})");
        var report = await new MonitorJob(loader, null).RunAsync(request, null, cancellationToken);
        await HtmlReportWriter.WriteAsync(report, html, cancellationToken);
        var drift = report.Drift;
        await context.Log.WriteLineAsync($"dataset drift: {(drift.DatasetDrifted ? "yes" : "no")}; report at {html}");
        foreach (var warning in report.Warnings)
        {
            await context.Log.WriteLineAsync($"warning: {warning}");
        }

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["report"] = html,
            ["drifted"] = drift.DatasetDrifted ? "true" : "false",
        };
    }

    private static double DriftShare(StepContext context) => context.Inputs.GetValueOrDefault("drift_share") is not { } text
        ? DatasetDriftOptions.Default.DriftShare
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share > 0 && share <= 1
            ? share
            : throw GyreException.InvalidInput($"step '{context.StepId}': drift_share must be a number in (0, 1]; got '{text}'.");
}
