using System.Text.RegularExpressions;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests;

/// <summary>The command line's surface: usage errors (exit 2) and help (exit 0) for the root and every command.</summary>
public sealed class GyreCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunAsync_UnknownCommand_ExitsTwoWithMessageOnStderr()
    {
        var result = await _folder.Cli().RunAsync("frobnicate");

        result.AssertExit(ExitCodes.Usage);
        Assert.Contains("frobnicate", result.Error, StringComparison.Ordinal);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Theory]
    [InlineData("train --frobnicate")]
    [InlineData("data profile x.csv --frobnicate")]
    [InlineData("runs list --frobnicate")]
    public async Task RunAsync_UnknownOption_ExitsTwoNamingIt(string commandLine)
    {
        var result = await _folder.Cli().RunAsync(commandLine.Split(' '));

        result.AssertExit(ExitCodes.Usage);
        Assert.Contains("'--frobnicate'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("data validate x.csv", "--schema")]
    [InlineData("data synth fraud --rows 10", "--output")]
    [InlineData("predict --input x.csv --output y.csv", "--model")]
    [InlineData("predict --model m --output y.csv", "--input")]
    [InlineData("predict --model m --input x.csv", "--output")]
    public async Task RunAsync_MissingRequiredOption_ExitsTwoNamingIt(string commandLine, string option)
    {
        var result = await _folder.Cli().RunAsync(commandLine.Split(' '));

        result.AssertExit(ExitCodes.Usage);
        Assert.Contains($"'{option}' is required", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.Home), "a usage error must not create the workspace");
    }

    [Theory]
    [InlineData("train --data f.csv --label y --task ranking", "ranking")]
    [InlineData("train --data f.csv --label y --task binary --folds many", "many")]
    [InlineData("data synth fraud --output f.csv --drift sideways", "sideways")]
    [InlineData("data synth people --output f.csv", "people")]
    [InlineData("runs compare onlyone", "compare")]
    public async Task RunAsync_MalformedValue_ExitsTwoNamingIt(string commandLine, string named)
    {
        var result = await _folder.Cli().RunAsync(commandLine.Split(' '));

        result.AssertExit(ExitCodes.Usage);
        Assert.Contains(named, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoCommand_ExitsTwo()
    {
        var result = await _folder.Cli().RunAsync();

        result.AssertExit(ExitCodes.Usage);
        Assert.NotEmpty(result.Error);
    }

    [Theory]
    [InlineData("--help", "demo data train predict runs experiments monitor pipeline scheduler init")]
    [InlineData("scheduler --help", "paths --interval --once --json")]
    [InlineData("server --help", "--pipelines --scheduler-interval")]
    [InlineData("data --help", "profile schema validate synth")]
    [InlineData("data profile --help", "--type --json")]
    [InlineData("data schema --help", "--output --type")]
    [InlineData("data validate --help", "--schema --max-violations --json")]
    [InlineData("data synth --help", "--rows --seed --output --drift")]
    [InlineData("train --help", "--spec --data --test --label --task --trainer --param --seed --folds --holdout --positive-class --ignore --importance --experiment --run-name --json")]
    [InlineData("predict --help", "--model --input --output --skip-invalid --json")]
    [InlineData("runs --help", "list show compare")]
    [InlineData("runs list --help", "--experiment --max --all --json")]
    [InlineData("runs show --help", "run-id --json")]
    [InlineData("runs compare --help", "run-ids --json")]
    [InlineData("experiments --help", "list")]
    [InlineData("experiments list --help", "--all --json")]
    [InlineData("demo --help", "--rows --seed --json")]
    [InlineData("monitor --help", "report status watch profile")]
    [InlineData("monitor profile --help", "inputs --out --json")]
    [InlineData("monitor report --help", "--model --reference --current --window --last --endpoint --label --time-column --segment --fairness --performance-window --drift-share --correction --method --threshold --bins --out --fail-on-drift --json")]
    [InlineData("monitor status --help", "--model --reference --current --window --last --json")]
    [InlineData("monitor watch --help", "--rules --interval --once --state --events --model --current --window --json")]
    public async Task RunAsync_Help_ExitsZeroAndListsSubcommandsOrOptions(string commandLine, string expected)
    {
        var result = await _folder.Cli().RunAsync(commandLine.Split(' '));

        result.AssertExit(ExitCodes.Success);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        foreach (var item in expected.Split(' '))
        {
            // Listed as an entry: at the start of a line of the help, after aliases ("-o, --output").
            Assert.Matches($@"(?m)^\s+(\S+, )*<?{Regex.Escape(item)}\b", result.Out);
        }

        Assert.False(Directory.Exists(_folder.Home), "help must not create the workspace");
    }
}
