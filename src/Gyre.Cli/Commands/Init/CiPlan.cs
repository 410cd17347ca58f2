namespace Gyre.Cli.Commands.Init;

/// <summary>
/// What every CI file of a scaffolded project does, kept in one place so GitHub Actions, GitLab CI and Jenkins cannot
/// drift: install the .NET SDK, restore the gyre local tool, then run <see cref="Commands"/> in order with
/// <see cref="HomeVariable"/> = <see cref="Home"/> (the workspace holding runs, models and the registry), and keep
/// that folder as the job's artifact.
/// </summary>
public static class CiPlan
{
    /// <summary>The .NET SDK channel the workflows install (actions/setup-dotnet).</summary>
    public const string DotnetVersion = "10.0.x";

    /// <summary>The container image the GitLab job and the Jenkins agent run in.</summary>
    public const string SdkImage = "mcr.microsoft.com/dotnet/sdk:10.0";

    /// <summary>Installs the gyre version pinned by the project's tool manifest.</summary>
    public const string InstallCommand = "dotnet tool restore";

    public const string HomeVariable = Workspace.HomeVariable;

    /// <summary>The workspace folder, relative to the project folder (the CI job's working folder).</summary>
    public const string Home = ".gyre";

    /// <summary>
    /// The gyre commands, in order: check the pipeline file, run it (validate data, train, evaluate on the holdout,
    /// register as challenger, promote through the policy; a refused or failed step fails the job), then show the
    /// champion (exit 1 when there is none).
    /// </summary>
    public static IReadOnlyList<CiCommand> Commands(string modelName) =>
    [
        new("Check the pipeline", ["pipeline", "validate", ProjectLayout.Pipeline]),
        new("Validate, train, evaluate, register, promote", ["pipeline", "run", ProjectLayout.Pipeline, "--json"]),
        new("Show the champion", ["models", "show", $"{modelName}@champion", "--json"]),
    ];
}
