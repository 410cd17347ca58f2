using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Monitor;

/// <summary>
/// Fairness and slices on the real Adult census data (datasets/adult, CC BY 4.0): a model trained on 4000 rows, then
/// checked on 2000 held-out rows (validation time) by sex and race, as it would be on a production window.
/// </summary>
public sealed class MonitorFairnessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Report_AdultHoldoutBySexAndRace_FairnessFromGroupRatesAndPerformancePerSlice()
    {
        var cli = _folder.Cli();
        var lines = await File.ReadAllLinesAsync(Path.Combine(RepositoryFiles.Root, "datasets", "adult", "adult.csv"), TestContext.Current.CancellationToken);
        await File.WriteAllLinesAsync(Path.Combine(cli.WorkingDirectory, "train.csv"), lines.Take(4001), TestContext.Current.CancellationToken);
        await File.WriteAllLinesAsync(Path.Combine(cli.WorkingDirectory, "holdout.csv"), lines.Take(1).Concat(lines.Skip(4001).Take(2000)), TestContext.Current.CancellationToken);
        var training = (await cli.RunOkAsync("train", "--data", "train.csv", "--label", "income", "--task", "binary", "--folds", "0", "--positive-class", ">50K", "--json")).Json();

        var report = (await cli.RunOkAsync(
            "monitor", "report", "--model", TrainedWorkspace.ModelPath(training), "--current", "holdout.csv", "--fairness", "sex", "--segment", "race", "--json")).Json();

        var fairness = report["fairness"]!.AsArray().ToDictionary(f => f!["attribute"]!.GetValue<string>(), f => f!);
        Assert.Equal(["race", "sex"], fairness.Keys.Order(StringComparer.Ordinal));
        var sex = fairness["sex"];
        Assert.Equal(">50K", sex["positive_class"]!.GetValue<string>());
        var groups = sex["groups"]!.AsArray().ToDictionary(g => g!["group"]!.GetValue<string>(), g => g!);
        Assert.Equal(["Female", "Male"], groups.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2000, groups.Values.Sum(g => g["count"]!.GetValue<int>()));
        var selection = groups.Values.Select(g => g["selection_rate"]!.GetValue<double>()).ToList();
        Assert.Equal(selection.Max() - selection.Min(), sex["demographic_parity_difference"]!.GetValue<double>(), 12);
        Assert.Equal(selection.Min() / selection.Max(), sex["demographic_parity_ratio"]!.GetValue<double>(), 12);
        var tpr = groups.Values.Select(g => g["true_positive_rate"]!.GetValue<double>()).ToList();
        var fpr = groups.Values.Select(g => g["false_positive_rate"]!.GetValue<double>()).ToList();
        Assert.Equal(tpr.Max() - tpr.Min(), sex["equal_opportunity_difference"]!.GetValue<double>(), 12);
        Assert.Equal(Math.Max(tpr.Max() - tpr.Min(), fpr.Max() - fpr.Min()), sex["equalized_odds_difference"]!.GetValue<double>(), 12);
        // The census data's well-known gap: men are predicted >50K far more often than women.
        Assert.True(groups["Male"]["selection_rate"]!.GetValue<double>() > groups["Female"]["selection_rate"]!.GetValue<double>());

        var slices = report["performance"]!.AsArray().Where(w => w!["segment"] is not null).ToList();
        Assert.Contains(slices, w => w!["segment"]!.GetValue<string>() == "White");
        Assert.Contains(slices, w => w!["segment"]!.GetValue<string>() == "Black");
        Assert.Equal(2000, slices.Sum(w => w!["rows"]!.GetValue<int>()));

        // A fairness alert rule on the same figures fires, and its event names the attribute.
        await File.WriteAllTextAsync(Path.Combine(cli.WorkingDirectory, "fairness.yaml"), """
            rules:
              - name: sex-parity
                metric: fairness
                labels: {attribute: sex, metric: demographic_parity_difference}
                op: ">"
                threshold: 0.05
            """, TestContext.Current.CancellationToken);
        var watch = (await cli.RunOkAsync(
            "monitor", "watch", "--model", TrainedWorkspace.ModelPath(training), "--current", "holdout.csv", "--fairness", "sex",
            "--rules", "fairness.yaml", "--once", "--events", "events.jsonl", "--json")).Json();
        var fired = Assert.Single(watch["events"]!.AsArray())!;
        Assert.Equal("sex-parity", fired["rule"]!.GetValue<string>());
        Assert.Equal(sex["demographic_parity_difference"]!.GetValue<double>(), fired["value"]!.GetValue<double>(), 12);
    }

    [Fact]
    public async Task Report_ReferenceFileWithModel_EstimatedPerformanceBesideRealized()
    {
        var cli = _folder.Cli();
        var lines = await File.ReadAllLinesAsync(Path.Combine(RepositoryFiles.Root, "datasets", "adult", "adult.csv"), TestContext.Current.CancellationToken);
        await File.WriteAllLinesAsync(Path.Combine(cli.WorkingDirectory, "train.csv"), lines.Take(3001), TestContext.Current.CancellationToken);
        await File.WriteAllLinesAsync(Path.Combine(cli.WorkingDirectory, "validation.csv"), lines.Take(1).Concat(lines.Skip(3001).Take(1500)), TestContext.Current.CancellationToken);
        await File.WriteAllLinesAsync(Path.Combine(cli.WorkingDirectory, "current.csv"), lines.Take(1).Concat(lines.Skip(4501).Take(1500)), TestContext.Current.CancellationToken);
        var training = (await cli.RunOkAsync("train", "--data", "train.csv", "--label", "income", "--task", "binary", "--folds", "0", "--positive-class", ">50K", "--json")).Json();

        // CBPE is fitted on the held-out reference (scores and labels) and estimates each current window without its labels.
        var report = (await cli.RunOkAsync(
            "monitor", "report", "--model", TrainedWorkspace.ModelPath(training), "--reference", "validation.csv", "--current", "current.csv", "--json")).Json();

        var windows = report["performance"]!.AsArray();
        Assert.NotEmpty(windows);
        Assert.All(windows, w =>
        {
            var realized = w!["realized"]!["accuracy"]!.GetValue<double>();
            var estimated = w["estimated"]!["accuracy"]!.GetValue<double>();
            // Same population on both sides: the estimate is close to the truth (150-row windows: within 0.1).
            Assert.InRange(estimated - realized, -0.1, 0.1);
        });
        Assert.DoesNotContain(report["warnings"]!.AsArray(), w => w!.GetValue<string>().Contains("CBPE", StringComparison.Ordinal));
    }
}
