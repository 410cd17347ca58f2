namespace Gyre.Cli.Tests.Support;

/// <summary>
/// A fresh folder under the system temp folder, deleted on dispose. The workspace of CLIs it makes is its
/// <c>home</c> subfolder (GYRE_HOME), so every test has its own tracking database and artifacts.
/// </summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gyre-cli-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>The workspace folder (GYRE_HOME) of the CLIs made by <see cref="Cli"/>.</summary>
    public string Home => Combine("home");

    /// <summary>A path inside the folder (not created).</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> (folders created) and returns its full path.</summary>
    public string Write(string name, string text)
    {
        var path = Combine(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A CLI on this folder's workspace, working in <paramref name="workingSubfolder"/> (default: the folder itself).</summary>
    public CliRunner Cli(string? workingSubfolder = null)
    {
        var working = workingSubfolder is null ? Path : Combine(workingSubfolder);
        Directory.CreateDirectory(working);
        return new CliRunner(working, Home);
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
