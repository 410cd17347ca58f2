namespace Gyre.Server.Tests.Support;

/// <summary>The repository the tests were built from: the first folder above the test binaries holding Gyre.slnx.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gyre.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Repository root (the folder with Gyre.slnx) not found above {AppContext.BaseDirectory}.");
    }
}
