using System.Diagnostics;
using Gyre.Tracking;

namespace Gyre.Tracking.Tests;

public sealed class RunContextTests
{
    [Fact]
    public void SystemTags_InGitCheckout_RecordHeadCommit()
    {
        using var folder = new TemporaryFolder();
        Git(folder.Path, "init", "-q");
        File.WriteAllText(folder.Combine("a.txt"), "a");
        Git(folder.Path, "add", "a.txt");
        Git(folder.Path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one");
        var head = Git(folder.Path, "rev-parse", "HEAD").Trim();
        Directory.CreateDirectory(folder.Combine("sub"));

        var tags = RunContext.SystemTags(folder.Combine("sub"), "gyre train").ToDictionary(t => t.Key, t => t.Value);

        Assert.Equal(head, tags[RunContext.GitCommitTag]);
        Assert.Equal("gyre train", tags[RunContext.SourceNameTag]);
        Assert.Equal("LOCAL", tags[RunContext.SourceTypeTag]);
        Assert.Equal(Environment.UserName, tags[RunContext.UserTag]);
        Assert.Equal(RunContext.GyreVersion, tags[RunContext.VersionTag]);
    }

    [Fact]
    public void SystemTags_OutsideGitCheckout_HaveNoCommitTag()
    {
        using var folder = new TemporaryFolder();

        var tags = RunContext.SystemTags(folder.Path, "gyre train");

        Assert.DoesNotContain(tags, t => t.Key == RunContext.GitCommitTag);
        Assert.Null(RunContext.FindGitCommit(folder.Path));
    }

    [Fact]
    public void GyreVersion_IsTheAssemblyVersionWithoutBuildMetadata()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+", RunContext.GyreVersion);
        Assert.DoesNotContain('+', RunContext.GyreVersion);
    }

    private static string Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)} failed: {process.StandardError.ReadToEnd()}");
        return output;
    }
}
