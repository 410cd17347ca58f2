namespace Gyre.Cli.Tests.Support;

/// <summary>The test classes that share one <see cref="TrainedWorkspace"/> (trained once, then only read).</summary>
[CollectionDefinition(Name)]
public sealed class TrainedWorkspaceSharing : ICollectionFixture<TrainedWorkspace>
{
    public const string Name = "trained workspace";
}
