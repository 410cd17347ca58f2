namespace Gyre.Pipelines.Running;

/// <summary>How a step's <c>model</c> input is read: a package folder relative to the working folder, else a registry reference.</summary>
public static class ModelInput
{
    /// <summary>
    /// The full path of <paramref name="model"/> when it names an existing folder relative to
    /// <paramref name="workingDirectory"/> (the pipeline file's folder); otherwise <paramref name="model"/> unchanged
    /// (NAME@ALIAS, NAME/VERSION, or a path the loader reports as missing).
    /// </summary>
    public static string Resolve(string model, string workingDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        var path = Path.GetFullPath(model, workingDirectory);
        return Directory.Exists(path) ? path : model;
    }
}
