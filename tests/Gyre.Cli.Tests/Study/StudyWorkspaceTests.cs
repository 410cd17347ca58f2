using Gyre.Cli.Tests.Support;
using Gyre.Stores.Sqlite;
using Gyre.Tuning;

namespace Gyre.Cli.Tests.Study;

/// <summary>
/// `gyre study` through the real command line on the workspace's SQLite tracking store, where studies live
/// (<see cref="IStudyStorage"/> of the SQL store).
/// </summary>
public sealed class StudyWorkspaceTests
{
    [Fact]
    public async Task ListAndReport_ReadStudiesFromTheWorkspaceStore()
    {
        using var folder = new TempFolder();
        var cli = folder.Cli();
        Directory.CreateDirectory(folder.Home);
        await using (var store = await SqliteTrackingStore.OpenAsync(Path.Combine(folder.Home, "gyre.db"), Path.Combine(folder.Home, "artifacts"), TimeProvider.System, TestContext.Current.CancellationToken))
        {
            await StudyCli.SeedAsync(store);
        }

        var list = (await cli.RunOkAsync("study", "list", "--json")).Json()["studies"]!.AsArray();
        Assert.Equal(["empty", "search"], list.Select(s => s!["name"]!.GetValue<string>()));
        Assert.Equal(30, list[1]!["complete"]!.GetValue<int>());

        var html = folder.Combine("report.html");
        var report = (await cli.RunOkAsync("study", "report", "search", "--json", "--html", html)).Json();
        Assert.Equal(32, report["trials"]!.AsArray().Count);
        Assert.Equal(3, report["importances"]!.AsArray().Count);
        Assert.Contains("<svg class=\"history\"", await File.ReadAllTextAsync(html, TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // --store names another workspace (a folder), which holds no study.
        var elsewhere = folder.Combine("elsewhere");
        Directory.CreateDirectory(elsewhere);
        Assert.Empty((await cli.RunOkAsync("study", "list", "--json", "--store", elsewhere)).Json()["studies"]!.AsArray());
        (await cli.RunAsync("study", "report", "search", "--store", elsewhere)).AssertExit(ExitCodes.Failure);

        var unknown = await cli.RunAsync("study", "report", "nope");
        unknown.AssertExit(ExitCodes.Failure);
        Assert.Contains("Study 'nope' does not exist.", unknown.Error, StringComparison.Ordinal);
    }
}
