using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.Init;

/// <summary>`gyre init` through the real command line, and its scaffold run as its CI would run it.</summary>
public sealed class InitCommandTests : IDisposable
{
    private const string Name = "fraud-model";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Project => _folder.Combine(Name);

    [Fact]
    public async Task Scaffold_RunLocallyAsItsCiWould_EndsWithTheModelRegisteredAsChampion()
    {
        await _folder.Cli().RunOkAsync("init", Name, "--rows", "1500");
        var github = CiJob.FromGitHub(Path.Combine(Project, ".github", "workflows", "gyre.yml"));
        var gitlab = CiJob.FromGitLab(Path.Combine(Project, ".gitlab-ci.yml"));
        var jenkins = CiJob.FromJenkinsfile(Path.Combine(Project, "Jenkinsfile"));

        Assert.Equal("dotnet 10.0.x", github.Sdk);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", gitlab.Sdk);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", jenkins.Sdk);
        Assert.Equal(github.Shell, gitlab.Shell);
        Assert.Equal(github.Shell, jenkins.Shell);
        Assert.Equal(github.Home, gitlab.Home);
        Assert.Equal(github.Home, jenkins.Home);
        Assert.Equal("dotnet tool restore", github.Shell[0]);
        Assert.All(github.Shell.Skip(1), line => Assert.StartsWith(CiJob.GyrePrefix, line, StringComparison.Ordinal));
        Assert.Contains("pipeline validate pipeline.yaml", github.GyreCommands);
        Assert.Contains(github.GyreCommands, c => c.StartsWith("pipeline run pipeline.yaml", StringComparison.Ordinal));
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Project, ".config", "dotnet-tools.json")))!;
        Assert.Equal("[\"gyre\"]", manifest["tools"]!["gyre"]!["commands"]!.ToJsonString());

        // As the CI job: in the project folder, GYRE_HOME as the CI files set it, each command in order must exit 0.
        var ci = new CliRunner(Project, Path.GetFullPath(github.Home, Project));
        var results = new List<CliResult>();
        foreach (var command in github.GyreCommands)
        {
            results.Add(await ci.RunOkAsync(command.Split(' ')));
        }

        var run = results.Single(r => r.Args is ["pipeline", "run", ..]).Json();
        Assert.True(run["succeeded"]!.GetValue<bool>());
        var steps = run["steps"]!.AsArray().ToDictionary(s => s!["id"]!.GetValue<string>(), s => s!);
        Assert.Equal(["evaluate", "promote", "register", "train", "validate_holdout", "validate_train"], steps.Keys.Order(StringComparer.Ordinal));
        Assert.All(steps.Values, s => Assert.Equal("succeeded", s!["status"]!.GetValue<string>()));
        Assert.Equal("true", steps["promote"]!["outputs"]!["promoted"]!.GetValue<string>());
        var champion = (await ci.RunOkAsync("models", "show", $"{Name}@champion", "--json")).Json()["version"]!;
        Assert.Equal(1, champion["version"]!.GetValue<int>());
        Assert.Equal(steps["train"]!["outputs"]!["run_id"]!.GetValue<string>(), champion["run_id"]!.GetValue<string>());
        var aliases = champion["aliases"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Contains("champion", aliases);
        Assert.Contains("challenger", aliases);
    }

    [Fact]
    public async Task Scaffold_SecondCiRunWithAStricterPolicy_FailsTheJobAndKeepsTheChampion()
    {
        await _folder.Cli().RunOkAsync("init", Name, "--rows", "1000");
        var github = CiJob.FromGitHub(Path.Combine(Project, ".github", "workflows", "gyre.yml"));
        var ci = new CliRunner(Project, Path.GetFullPath(github.Home, Project));
        foreach (var command in github.GyreCommands)
        {
            await ci.RunOkAsync(command.Split(' '));
        }

        File.WriteAllText(Path.Combine(Project, "policy.yaml"), "primary_metric: roc_auc\nmin_improvement: 0.5\n");
        var exits = new List<int>();
        foreach (var command in github.GyreCommands)
        {
            exits.Add((await ci.RunAsync(command.Split(' '))).ExitCode);
        }

        var run = Assert.Single(exits.Select((e, i) => (Exit: e, Command: github.GyreCommands[i])), r => r.Command.StartsWith("pipeline run", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Failure, run.Exit);
        var champion = (await ci.RunOkAsync("models", "show", $"{Name}@champion", "--json")).Json()["version"]!;
        Assert.Equal(1, champion["version"]!.GetValue<int>());
        var challenger = (await ci.RunOkAsync("models", "show", $"{Name}@challenger", "--json")).Json()["version"]!;
        Assert.Equal(2, challenger["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Scaffold_SampleDataConformsToTheSchemaAndThePipelineIsValid()
    {
        await _folder.Cli().RunOkAsync("init", Name, "--rows", "800");
        var cli = new CliRunner(Project, _folder.Home);

        await cli.RunOkAsync("data", "validate", "data/train.csv", "--schema", "schema.json");
        await cli.RunOkAsync("data", "validate", "data/holdout.csv", "--schema", "schema.json");
        var pipeline = (await cli.RunOkAsync("pipeline", "validate", "pipeline.yaml", "--json")).Json();

        Assert.Equal(Name, pipeline["name"]!.GetValue<string>());
        Assert.Equal(801, File.ReadAllLines(Path.Combine(Project, "data", "train.csv")).Length);
        Assert.Equal(401, File.ReadAllLines(Path.Combine(Project, "data", "holdout.csv")).Length);
        Assert.NotEqual(File.ReadAllLines(Path.Combine(Project, "data", "train.csv"))[1], File.ReadAllLines(Path.Combine(Project, "data", "holdout.csv"))[1]);
    }

    [Fact]
    public async Task Json_ListsEveryCreatedFileAndTheCiCommands()
    {
        var parent = _folder.Combine("projects");

        var json = (await _folder.Cli().RunOkAsync("init", Name, "--dir", "projects", "--rows", "500", "--json")).Json();

        var project = Path.Combine(parent, Name);
        Assert.Equal(project, json["project"]!.GetValue<string>());
        var listed = json["files"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();
        var onDisk = Directory.GetFiles(project, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(project, f).Replace(Path.DirectorySeparatorChar, '/')).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(onDisk, listed);
        Assert.Superset(
            new HashSet<string>(["train.yaml", "schema.json", "pipeline.yaml", "policy.yaml", "data/train.csv", "data/holdout.csv",
                ".github/workflows/gyre.yml", ".gitlab-ci.yml", "Jenkinsfile", ".config/dotnet-tools.json", "README.md"]),
            listed.ToHashSet());
        Assert.Equal(CiJob.FromJenkinsfile(Path.Combine(project, "Jenkinsfile")).Shell.Skip(1),
            json["ci_commands"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal([Name], Directory.GetFileSystemEntries(parent).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ExistingNonEmptyFolder_IsRefusedAsAUsageErrorNamingIt_AndForceKeepsItsOtherFiles()
    {
        var mine = _folder.Write(Path.Combine(Name, "notes.txt"), "mine");
        var cli = _folder.Cli();

        var refused = await cli.RunAsync("init", Name);

        refused.AssertExit(ExitCodes.Usage);
        Assert.Contains(Project, refused.Error, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal([mine], Directory.GetFileSystemEntries(Project));
        Assert.Equal([Name], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName).Where(n => n != "home"));

        await cli.RunOkAsync("init", Name, "--rows", "500", "--force");

        Assert.Equal("mine", File.ReadAllText(mine));
        Assert.True(File.Exists(Path.Combine(Project, "pipeline.yaml")));
        Assert.Equal([Name], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName).Where(n => n != "home"));
    }

    [Fact]
    public async Task EmptyExistingFolder_IsFilled()
    {
        Directory.CreateDirectory(Project);

        await _folder.Cli().RunOkAsync("init", Name, "--rows", "500");

        Assert.True(File.Exists(Path.Combine(Project, "train.yaml")));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("has space")]
    [InlineData("-dash-first")]
    public async Task BadName_IsAUsageError(string name)
    {
        var result = await _folder.Cli().RunAsync("init", name);

        result.AssertExit(ExitCodes.Usage);
        Assert.DoesNotContain(Directory.GetFileSystemEntries(_folder.Path), e => Path.GetFileName(e) != "home");
    }

    [Fact]
    public async Task TooFewRows_IsAUsageErrorNamingTheOption()
    {
        var result = await _folder.Cli().RunAsync("init", Name, "--rows", "10");

        result.AssertExit(ExitCodes.Usage);
        Assert.Contains("--rows", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Project));
    }

    [Fact]
    public async Task Help_ListsTheOptions()
    {
        var result = await _folder.Cli().RunAsync("init", "--help");

        result.AssertExit(ExitCodes.Success);
        foreach (var option in new[] { "name", "--dir", "--rows", "--force", "--json" })
        {
            Assert.Contains(option, result.Out, StringComparison.Ordinal);
        }
    }
}
