using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Gyre.Cli.Tests.Init;

/// <summary>
/// What a generated CI file makes its runner do, read back from the file itself (YAML parsed with YamlDotNet; the
/// Jenkinsfile's <c>sh</c> steps, image and environment by pattern): the image or SDK it installs, its GYRE_HOME and
/// its shell commands in order.
/// </summary>
public sealed partial record CiJob(string Sdk, string Home, IReadOnlyList<string> Shell)
{
    public const string GyrePrefix = "dotnet gyre ";

    /// <summary>The gyre commands (arguments after "gyre"), in order.</summary>
    public IReadOnlyList<string> GyreCommands => [.. Shell.Where(s => s.StartsWith(GyrePrefix, StringComparison.Ordinal)).Select(s => s[GyrePrefix.Length..])];

    /// <summary>A GitHub Actions workflow with one job: the setup-dotnet version, the job's env, every step's run.</summary>
    public static CiJob FromGitHub(string path)
    {
        var root = Load(path);
        var job = Assert.Single(Mapping(root, "jobs").Children).Value;
        var steps = (YamlSequenceNode)Mapping(job)["steps"];
        var sdk = steps.Children.Cast<YamlMappingNode>()
            .Single(s => s.Children.TryGetValue(new YamlScalarNode("uses"), out var uses) && Scalar(uses).StartsWith("actions/setup-dotnet@", StringComparison.Ordinal));
        var runs = steps.Children.Cast<YamlMappingNode>()
            .Where(s => s.Children.ContainsKey(new YamlScalarNode("run")))
            .Select(s => Scalar(s["run"]));
        return new CiJob("dotnet " + Scalar(Mapping(sdk, "with")["dotnet-version"]), Scalar(Mapping(job, "env")["GYRE_HOME"]), [.. runs]);
    }

    /// <summary>A GitLab CI file with one job (the one with a script): its image, the variables, the script.</summary>
    public static CiJob FromGitLab(string path)
    {
        var root = Load(path);
        var job = Assert.Single(Mapping(root).Children, c => c.Value is YamlMappingNode m && m.Children.ContainsKey(new YamlScalarNode("script"))).Value;
        var script = ((YamlSequenceNode)Mapping(job)["script"]).Children.Select(Scalar);
        return new CiJob(Scalar(Mapping(job)["image"]), Scalar(Mapping(root, "variables")["GYRE_HOME"]), [.. script]);
    }

    /// <summary>A declarative Jenkinsfile: its docker agent image, GYRE_HOME in its environment, its <c>sh '...'</c> steps.</summary>
    public static CiJob FromJenkinsfile(string path)
    {
        var text = File.ReadAllText(path);
        return new CiJob(
            ImagePattern().Match(text).Groups[1].Value,
            HomePattern().Match(text).Groups[1].Value,
            [.. ShellPattern().Matches(text).Select(m => m.Groups[1].Value)]);
    }

    private static YamlNode Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(path)))
        {
            stream.Load(reader);
        }

        return Assert.Single(stream.Documents).RootNode;
    }

    private static YamlMappingNode Mapping(YamlNode node, string? key = null) =>
        Assert.IsType<YamlMappingNode>(key is null ? node : Assert.IsType<YamlMappingNode>(node)[key]);

    private static string Scalar(YamlNode node) => Assert.IsType<YamlScalarNode>(node).Value!;

    [GeneratedRegex(@"image '([^']+)'")]
    private static partial Regex ImagePattern();

    [GeneratedRegex(@"GYRE_HOME = '([^']+)'")]
    private static partial Regex HomePattern();

    [GeneratedRegex(@"\bsh '([^']+)'")]
    private static partial Regex ShellPattern();
}
