namespace Gyre.Cli.Tests.Support;

/// <summary>The repository the tests were built from (the folder holding Gyre.slnx and datasets/).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "datasets")) && File.Exists(Path.Combine(dir.FullName, "Gyre.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (with datasets/) not found above the test binaries.");
    }
}
