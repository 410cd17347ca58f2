namespace Gyre.Cli.Tests.Tune;

/// <summary>The test classes that share one <see cref="TunedWorkspace"/>.</summary>
[CollectionDefinition(Name)]
public sealed class TunedWorkspaceSharing : ICollectionFixture<TunedWorkspace>
{
    public const string Name = "tuned workspace";
}
