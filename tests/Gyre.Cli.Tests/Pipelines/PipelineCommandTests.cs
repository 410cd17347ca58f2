using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Pipelines;

/// <summary>`gyre pipeline validate` through the real command line.</summary>
public sealed class PipelineCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Validate_ValidFile_PrintsItsStagesAsJson()
    {
        var cli = _folder.Cli();
        File.WriteAllText(Path.Combine(cli.WorkingDirectory, "p.yaml"), """
            name: nightly
            steps:
              a: { kind: shell, with: { run: "echo a" } }
              b: { kind: shell, with: { run: "echo b" } }
              c: { kind: shell, with: { run: "echo ${steps.a.outputs.stdout} ${steps.b.outputs.exit_code}" }, timeout: 30s }
            """);

        var json = (await cli.RunOkAsync("pipeline", "validate", "p.yaml", "--json")).Json();

        Assert.Equal("nightly", json["name"]!.GetValue<string>());
        Assert.Equal("[[\"a\",\"b\"],[\"c\"]]", json["stages"]!.ToJsonString());
        Assert.Equal(30, json["steps"]![2]!["timeout_seconds"]!.GetValue<double>());
    }

    [Fact]
    public async Task Validate_BrokenFile_ExitsOneNamingFileAndLine()
    {
        var cli = _folder.Cli();
        File.WriteAllText(Path.Combine(cli.WorkingDirectory, "p.yaml"), "name: nightly\nsteps:\n  a:\n    kind: shel\n");

        var result = await cli.RunAsync("pipeline", "validate", "p.yaml");

        result.AssertExit(ExitCodes.Failure);
        Assert.Contains("p.yaml line 4", result.Error, StringComparison.Ordinal);
        Assert.Contains("unknown kind 'shel'", result.Error, StringComparison.Ordinal);
    }
}
