using System.Globalization;
using Gyre.Cli.Tests.Support;
using Gyre.Core;
using Gyre.Tracking;

namespace Gyre.Cli.Tests.Commands;

/// <summary>The learning curve `gyre train` tracks for a boosted model, read back through `runs show` and the store.</summary>
public sealed class TrainCommandLearningCurveTests : IDisposable
{
    private const int Iterations = 40;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Train_LightGbmOnFraud_TracksRocAucPerIterationEndingAtHoldoutRocAuc()
    {
        var cli = _folder.Cli();
        await FraudData.SynthAsync(cli, "fraud.csv");
        var report = (await cli.RunOkAsync("train", "--data", "fraud.csv", "--label", FraudData.Label, "--task", "binary", "--folds", "0",
            "-p", "num_iterations=" + Iterations.ToString(CultureInfo.InvariantCulture), "--json")).Json();
        var runId = report["run_id"]!.GetValue<string>();

        var metrics = (await cli.RunOkAsync("runs", "show", runId, "--json")).Json()["run"]!["metrics"]!;
        var history = await MetricHistoryAsync(new RunId(runId), "iteration_roc_auc");

        var holdoutRocAuc = metrics["roc_auc"]!.GetValue<double>();
        Assert.Equal(holdoutRocAuc, metrics["iteration_roc_auc"]!.GetValue<double>(), 1e-6);
        Assert.Equal(Enumerable.Range(1, Iterations).Select(i => (long)i), history.Select(m => m.Step).Order());
        Assert.Equal(holdoutRocAuc, history.Single(m => m.Step == Iterations).Value, 1e-6);
    }

    private async Task<IReadOnlyList<Metric>> MetricHistoryAsync(RunId runId, string key)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { [Workspace.HomeVariable] = _folder.Home };
        var environment = new CliEnvironment(TextWriter.Null, TextWriter.Null, _folder.Path, variables, Interactive: false);
        var workspace = await Workspace.OpenAsync(environment, TestContext.Current.CancellationToken);
        try
        {
            return await workspace.Tracking.GetMetricHistoryAsync(runId, key, TestContext.Current.CancellationToken);
        }
        finally
        {
            (workspace.Tracking as IDisposable)?.Dispose();
        }
    }
}
