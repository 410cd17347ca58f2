namespace Gyre.Cli.Commands.Init;

/// <summary>The files `gyre init` writes, as paths relative to the project folder (forward slashes).</summary>
public static class ProjectLayout
{
    public const string TrainSpec = "train.yaml";
    public const string Schema = "schema.json";
    public const string Pipeline = "pipeline.yaml";
    public const string Policy = "policy.yaml";
    public const string TrainData = "data/train.csv";
    public const string HoldoutData = "data/holdout.csv";
    public const string GitHubWorkflow = ".github/workflows/gyre.yml";
    public const string GitLabCi = ".gitlab-ci.yml";
    public const string Jenkinsfile = "Jenkinsfile";
    public const string ToolManifest = ".config/dotnet-tools.json";
    public const string GitIgnore = ".gitignore";
    public const string Readme = "README.md";

    /// <summary>Seeds of the two sample files: different, so the holdout holds rows the model never saw.</summary>
    public const int TrainSeed = 1;

    public const int HoldoutSeed = 2;
}
