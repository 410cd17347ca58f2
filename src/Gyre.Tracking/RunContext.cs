using System.Diagnostics;
using System.Reflection;

namespace Gyre.Tracking;

/// <summary>
/// The system tags recorded on every run, named as MLflow names them so that MLflow clients show them:
/// user, source, git commit of the working folder (when it is a git checkout), host and Gyre version.
/// </summary>
public static class RunContext
{
    public const string UserTag = "mlflow.user";
    public const string SourceNameTag = "mlflow.source.name";
    public const string SourceTypeTag = "mlflow.source.type";
    public const string GitCommitTag = "mlflow.source.git.commit";
    public const string RunNameTag = "mlflow.runName";
    public const string HostTag = "gyre.host";
    public const string VersionTag = "gyre.version";

    /// <summary>The Gyre version (informational version of this assembly, without build metadata).</summary>
    public static string GyreVersion { get; } =
        (typeof(RunContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>System tags for a run started from <paramref name="workingDirectory"/> by <paramref name="source"/>.</summary>
    public static IReadOnlyList<Tag> SystemTags(string workingDirectory, string source)
    {
        var tags = new List<Tag>
        {
            new(UserTag, Environment.UserName),
            new(SourceNameTag, source),
            new(SourceTypeTag, "LOCAL"),
            new(HostTag, Environment.MachineName),
            new(VersionTag, GyreVersion),
        };
        if (FindGitCommit(workingDirectory) is { } commit)
        {
            tags.Add(new Tag(GitCommitTag, commit));
        }

        return tags;
    }

    /// <summary>The HEAD commit of the git checkout containing <paramref name="directory"/>, or null (no git, not a checkout, no commit).</summary>
    public static string? FindGitCommit(string directory)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", directory, "rev-parse", "HEAD"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(5000);
            return process.ExitCode == 0 && output.Length == 40 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
