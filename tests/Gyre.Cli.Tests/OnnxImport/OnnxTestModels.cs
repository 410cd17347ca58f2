using System.Diagnostics;
using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests.OnnxImport;

/// <summary>
/// ONNX models built outside Gyre: make_onnx_models.py (Debian's python3-onnx, onnx.helper) writes a logistic
/// regression (packed [N,3] input, [N,2] probabilities), a linear regression (per-column float/double/int64
/// inputs) and a softmax classifier, a CSV of rows, and the scores numpy computes for those rows.
/// </summary>
public sealed class OnnxTestModels : IDisposable
{
    private readonly TempFolder _folder = new();

    public OnnxTestModels()
    {
        var script = Path.Combine(RepositoryFiles.Root, "tests", "Gyre.Cli.Tests", "OnnxImport", "make_onnx_models.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(_folder.Path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"make_onnx_models.py exited {process.ExitCode} (is python3-onnx installed? tools/install-test-deps.sh): {error.Result}");
        }

        Expected = JsonNode.Parse(File.ReadAllText(Combine("expected.json")))!;
    }

    public string LogisticRegression => Combine("logreg.onnx");

    public string Regression => Combine("regression.onnx");

    public string Softmax => Combine("softmax.onnx");

    /// <summary>id,x1,x2,x3: the rows the expected scores are for.</summary>
    public string Data => Combine("data.csv");

    /// <summary>numpy's scores per row of <see cref="Data"/>: "binary" (positive-class probability), "regression", "multiclass" (per class).</summary>
    public JsonNode Expected { get; }

    public string Combine(string name) => _folder.Combine(name);

    public void Dispose() => _folder.Dispose();
}
