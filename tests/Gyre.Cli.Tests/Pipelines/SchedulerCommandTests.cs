using System.Globalization;
using Gyre.Cli.Tests.Support;
using Gyre.Tracking;

namespace Gyre.Cli.Tests.Pipelines;

/// <summary>`gyre scheduler` and `gyre server --pipelines` in-process on a real workspace.</summary>
public sealed class SchedulerCommandTests : IDisposable
{
    private const string OnDrop = """
        name: on-drop
        params: { data: none }
        steps:
          log: { kind: shell, with: { run: "echo ${params.data} >> dropped.log" } }
        triggers:
          - files: incoming/*.csv
            params: { data: "${event.name}" }
        """;

    private readonly TempFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Help_DescribesTheOptions()
    {
        var result = await _folder.Cli().RunAsync("scheduler", "--help");

        result.AssertExit(ExitCodes.Success);
        Assert.Contains("--interval", result.Out, StringComparison.Ordinal);
        Assert.Contains("--once", result.Out, StringComparison.Ordinal);
        Assert.Contains("--json", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInterval_IsAUsageError()
    {
        _folder.Write("pipes/drop.yaml", OnDrop);

        var result = await _folder.Cli().RunAsync("scheduler", "pipes", "--interval", "soon", "--once");

        result.AssertExit(ExitCodes.Usage);
        Assert.Contains("--interval", result.Error, StringComparison.Ordinal);
        Assert.Contains("'soon'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_OnAFolderWithAPipelineAndASpec_ArmsThePipelineAndLeavesTheSpecAlone()
    {
        _folder.Write("pipes/drop.yaml", OnDrop);
        _folder.Write("pipes/spec.yaml", "data: fraud.csv\nlabel: is_fraud\ntrainer: fastforest\n");

        var result = await _folder.Cli().RunAsync("scheduler", "pipes", "--once", "--json");

        result.AssertExit(ExitCodes.Success);
        var notices = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!).ToList();
        var armed = Assert.Single(notices);
        Assert.Equal("armed", armed["what"]!.GetValue<string>());
        Assert.Equal("on-drop", armed["pipeline"]!.GetValue<string>());
        Assert.DoesNotContain("error", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_WithABrokenPipelineFile_ReportsItByLineAndStillArmsTheOthers()
    {
        _folder.Write("pipes/drop.yaml", OnDrop);
        _folder.Write("pipes/broken.yaml", OnDrop.Replace("name: on-drop", "name: broken", StringComparison.Ordinal).Replace("files: incoming/*.csv", "alias: no-at-sign", StringComparison.Ordinal));

        var result = await _folder.Cli().RunAsync("scheduler", "pipes", "--once", "--json");

        var notices = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!).ToList();
        var error = Assert.Single(notices, n => n["what"]!.GetValue<string>() == "error");
        Assert.Equal("broken.yaml", error["pipeline"]!.GetValue<string>());
        Assert.Contains("broken.yaml line 6", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(notices, n => n["what"]!.GetValue<string>() == "armed" && n["pipeline"]!.GetValue<string>() == "on-drop");
    }

    [Fact]
    public async Task MissingPath_FailsNamingIt()
    {
        var result = await _folder.Cli().RunAsync("scheduler", "no-such-folder", "--once");

        Assert.NotEqual(ExitCodes.Success, result.ExitCode);
        Assert.Contains("no-such-folder", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_WithPipelines_RunsAFilesTriggerWhenAFileIsDropped()
    {
        var cli = _folder.Cli();
        _folder.Write("pipes/drop.yaml", OnDrop);
        Directory.CreateDirectory(_folder.Combine("pipes", "incoming"));
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var output = TextWriter.Synchronized(text);
        using var error = TextWriter.Synchronized(new StringWriter(CultureInfo.InvariantCulture));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var server = Task.Run(() => GyreCli.RunAsync(["server", "--port", "0", "--pipelines", "pipes", "--scheduler-interval", "200ms"], cli.Environment(output, error), stop.Token), Ct);
        try
        {
            var arms = Path.Combine(_folder.Home, "scheduler", "arms");
            await WaitUntilAsync(() => Task.FromResult(Directory.Exists(arms) && Directory.EnumerateFiles(arms).Any()), "the trigger to be armed", server);
            await Task.Delay(100, Ct);
            File.WriteAllText(_folder.Combine("pipes", "incoming", "a.csv"), "x\n1\n");

            var workspace = await Workspace.OpenAsync(cli.Environment(TextWriter.Null, TextWriter.Null), Ct);
            await WaitUntilAsync(
                async () => (await SchedulerHarness.TriggeredRunsAsync(workspace)).Any(r => r.Info.Status == RunStatus.Finished),
                "the triggered run to finish", server);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(ExitCodes.Success, await server.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(["a.csv"], File.ReadAllLines(_folder.Combine("pipes", "dropped.log")));
        Assert.Contains("on-drop: started", text.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms for up to 30 s (failing early if <paramref name="server"/> ended).</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, Task server)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return;
            }

            Assert.False(server.IsCompleted, $"the server ended while waiting for {what}");
            await Task.Delay(100, Ct);
        }

        Assert.Fail($"timed out waiting for {what}");
    }
}
