using System.Text.RegularExpressions;
using Gyre.Cli.Tests.Support;
using Gyre.Tuning;

namespace Gyre.Cli.Tests.Study;

/// <summary>`gyre study list|report` on an in-memory study storage (the commands' storage seam).</summary>
public sealed class StudyCommandsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<(StudyCli Cli, Tuning.Study Study)> SeededAsync()
    {
        var storage = new InMemoryStudyStorage();
        var study = await StudyCli.SeedAsync(storage);
        return (new StudyCli(storage, _folder.Path), study);
    }

    [Fact]
    public async Task List_Json_CountsByStateAndBestValue()
    {
        var (cli, study) = await SeededAsync();

        var result = await cli.RunAsync("study", "list", "--json");

        result.AssertExit(ExitCodes.Success);
        var studies = result.Json()["studies"]!.AsArray();
        Assert.Equal(["empty", "search"], studies.Select(s => s!["name"]!.GetValue<string>()));
        var search = studies[1]!;
        Assert.Equal("minimize", search["direction"]!.GetValue<string>());
        Assert.Equal(32, search["trials"]!.GetValue<int>());
        Assert.Equal(30, search["complete"]!.GetValue<int>());
        Assert.Equal(1, search["pruned"]!.GetValue<int>());
        Assert.Equal(1, search["failed"]!.GetValue<int>());
        Assert.Equal(study.BestTrial.Number, search["best_trial"]!.GetValue<int>());
        Assert.Equal(study.BestValue, search["best_value"]!.GetValue<double>());
        Assert.Null(studies[0]!["best_value"]);
        Assert.Equal("maximize", studies[0]!["direction"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_Table_OneRowPerStudy()
    {
        var (cli, _) = await SeededAsync();

        var result = await cli.RunAsync("study", "list");

        result.AssertExit(ExitCodes.Success);
        Assert.Matches(new Regex(@"search\s*│\s*minimize\s*│\s*32\s*│\s*30\s*│\s*1\s*│\s*1\s*│"), result.Out);
        Assert.Matches(new Regex(@"empty\s*│\s*maximize\s*│\s*0\s*│"), result.Out);
    }

    [Fact]
    public async Task List_NoStudies_SaysSo()
    {
        var result = await new StudyCli(new InMemoryStudyStorage(), _folder.Path).RunAsync("study", "list");

        result.AssertExit(ExitCodes.Success);
        Assert.Contains("No studies yet.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_Json_HasEverything()
    {
        var (cli, study) = await SeededAsync();

        var json = (await cli.RunAsync("study", "report", "search", "--json")).Json();

        Assert.Equal("search", json["study"]!["name"]!.GetValue<string>());
        Assert.Equal(32, json["counts"]!["total"]!.GetValue<int>());
        Assert.Equal(1, json["counts"]!["failed"]!.GetValue<int>());
        var best = json["best_trial"]!;
        Assert.Equal(study.BestTrial.Number, best["number"]!.GetValue<int>());
        Assert.Equal(study.BestValue, best["value"]!.GetValue<double>());
        Assert.Equal((double)study.BestTrial.Params["x"]!, best["params"]!["x"]!.GetValue<double>());
        Assert.Equal((string)study.BestTrial.Params["c"]!, best["params"]!["c"]!.GetValue<string>());
        Assert.NotNull(best["duration_seconds"]);
        Assert.Equal("fanova", json["importance_method"]!.GetValue<string>());
        var importances = json["importances"]!.AsArray();
        Assert.Equal(["c", "n", "x"], importances.Select(i => i!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(1.0, importances.Sum(i => i!["importance"]!.GetValue<double>()), 9);
        Assert.NotEqual("n", importances[0]!["name"]!.GetValue<string>());
        var history = json["history"]!.AsArray();
        Assert.Equal(30, history.Count);
        Assert.Equal(study.BestValue, history[^1]!["best_so_far"]!.GetValue<double>());
        Assert.True(history.Zip(history.Skip(1)).All(p => p.Second!["best_so_far"]!.GetValue<double>() <= p.First!["best_so_far"]!.GetValue<double>()));
        var trials = json["trials"]!.AsArray();
        Assert.Equal(32, trials.Count);
        Assert.Equal("fail", trials[31]!["state"]!.GetValue<string>());
        Assert.Equal("objective threw", trials[31]!["error_message"]!.GetValue<string>());
        Assert.Equal("pruned", trials[30]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Report_ImportanceMdi_OtherMethodSameRanking_BadMethodIsUsageError()
    {
        var (cli, _) = await SeededAsync();

        var fanova = (await cli.RunAsync("study", "report", "search", "--json")).Json();
        var mdi = (await cli.RunAsync("study", "report", "search", "--json", "--importance", "mdi", "--seed", "3")).Json();
        var bad = await cli.RunAsync("study", "report", "search", "--importance", "shap");

        Assert.Equal("mdi", mdi["importance_method"]!.GetValue<string>());
        Assert.Equal(fanova["importances"]![0]!["name"]!.GetValue<string>(), mdi["importances"]![0]!["name"]!.GetValue<string>());
        Assert.NotEqual(fanova["importances"]![0]!["importance"]!.GetValue<double>(), mdi["importances"]![0]!["importance"]!.GetValue<double>());
        bad.AssertExit(ExitCodes.Usage);
    }

    [Fact]
    public async Task Report_Table_BestImportanceAndLastHistoryRows()
    {
        var (cli, study) = await SeededAsync();

        var result = await cli.RunAsync("study", "report", "search", "--last", "3");

        result.AssertExit(ExitCodes.Success);
        Assert.Contains("32 (30 complete, 1 pruned, 1 failed, 0 running)", result.Out, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"trial\s*│\s*" + study.BestTrial.Number + @"\s*│"), result.Out);
        Assert.Contains("importance", result.Out, StringComparison.Ordinal);
        Assert.Contains("best so far", result.Out, StringComparison.Ordinal);
        // Complete trials are 0-29: the last three history rows are 27, 28 and 29, and no earlier one.
        foreach (var n in new[] { 27, 28, 29 })
        {
            Assert.Matches(new Regex(@"│\s*" + n + @"\s*│\s*-?[\d.]"), result.Out);
        }

        Assert.DoesNotMatch(new Regex(@"│\s*26\s*│\s*-?[\d.]"), result.Out);
    }

    [Fact]
    public async Task Report_Html_WritesPageWithChartsAtomically()
    {
        var (cli, _) = await SeededAsync();
        var path = _folder.Combine("out", "search.html");

        var result = await cli.RunAsync("study", "report", "search", "--html", path, "--json");

        result.AssertExit(ExitCodes.Success);
        Assert.NotNull(result.Json()["best_trial"]);
        Assert.Contains("Report written to", result.Error, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        Assert.Contains("<svg class=\"history\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"importance\"", html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(html, "<svg class=\"scatter\""));
        Assert.Contains("<table class=\"sortable trials\"", html, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder.Combine("out"), "*.tmp"));
    }

    [Fact]
    public async Task Report_EmptyStudy_TableSaysNoTrial()
    {
        var (cli, _) = await SeededAsync();

        var result = await cli.RunAsync("study", "report", "empty");

        result.AssertExit(ExitCodes.Success);
        Assert.Contains("No trial has completed yet.", result.Out, StringComparison.Ordinal);
        var json = (await cli.RunAsync("study", "report", "empty", "--json")).Json();
        Assert.Null(json["best_trial"]);
        Assert.Empty(json["history"]!.AsArray());
    }

    [Fact]
    public async Task Report_UnknownStudy_ExitsOneNamingIt()
    {
        var (cli, _) = await SeededAsync();

        var result = await cli.RunAsync("study", "report", "nope");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains("Study 'nope' does not exist.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_NegativeLast_ExitsOne()
    {
        var (cli, _) = await SeededAsync();

        var result = await cli.RunAsync("study", "report", "search", "--last", "-1");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains("--last", result.Error, StringComparison.Ordinal);
    }

}
