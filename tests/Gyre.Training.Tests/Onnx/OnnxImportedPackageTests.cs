using System.Diagnostics;
using Gyre.Core;
using Gyre.Training.Onnx;
using Gyre.Training.Packaging;
using Gyre.Training.Scoring;
using Gyre.Training.Specs;
using Gyre.Training.Tests.Scoring;
using Gyre.Training.Tests.Support;

namespace Gyre.Training.Tests.Onnx;

/// <summary>
/// Packages imported by <see cref="OnnxModelImporter"/> from graphs built outside Gyre (the Cli tests'
/// make_onnx_models.py, Debian's python3-onnx): serving's row-by-row path gives exactly batch scoring's results,
/// and a package whose model.onnx was changed is refused.
/// </summary>
public sealed class OnnxImportedPackageTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public OnnxImportedPackageTests()
    {
        var script = Path.Combine(RepositoryRoot(), "tests", "Gyre.Cli.Tests", "OnnxImport", "make_onnx_models.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(_folder.Path);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"make_onnx_models.py failed (python3-onnx installed?): {error}");
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("logreg.onnx", "x1,x2,x3", TaskKind.Binary)]
    [InlineData("regression.onnx", null, TaskKind.Regression)]
    [InlineData("softmax.onnx", "x1,x2,x3", TaskKind.Multiclass)]
    public async Task RowScorer_EqualsBatchScoring_OnEveryRow(string graph, string? columns, TaskKind task)
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new OnnxImportOptions { Columns = columns?.Split(',') };
        var imported = await OnnxModelImporter.ImportAsync(Path.Combine(_folder.Path, graph), Path.Combine(_folder.Path, "package-" + graph), options, ct);
        var table = TestTables.FromCsv(await File.ReadAllTextAsync(Path.Combine(_folder.Path, "data.csv"), ct));

        var batch = imported.Package.Predictor.Score(table, ct);
        var scorer = RowScorer.For(imported.Package);

        Assert.Equal(task, imported.Package.Manifest.Task);
        Assert.Equal(PackageManifest.OnnxFlavor, imported.Package.Manifest.Flavor);
        Assert.True(batch.IsComplete);
        Assert.Equal(table.RowCount, batch.Predictions.Count);
        for (var i = 0; i < table.RowCount; i++)
        {
            var row = RowScorerModels.RowOf(scorer, table, i);
            Assert.Null(scorer.Check(row, UnknownCategoryPolicy.Reject));
            var single = scorer.Score(row);
            scorer.ReturnRow(row);
            var expected = batch.Predictions[i];
            Assert.Equal(expected.PredictedLabel, single.PredictedLabel);
            Assert.Equal(expected.Probability, single.Probability);
            Assert.Equal(expected.Value, single.Value);
            Assert.Equal(expected.ClassProbabilities, single.ClassProbabilities);
        }

        Assert.Equal(table.RowCount, batch.Predictions.Select(p => p.Probability ?? p.Value).Distinct().Count());
    }

    [Fact]
    public async Task Load_GraphChangedAfterImport_IsCorruptNamingModelOnnx()
    {
        var ct = TestContext.Current.CancellationToken;
        var imported = Path.Combine(_folder.Path, "package");
        await OnnxModelImporter.ImportAsync(Path.Combine(_folder.Path, "softmax.onnx"), imported, new OnnxImportOptions { Columns = ["a", "b", "c"] }, ct);
        // Tampered in a copy: the loaded package keeps its own model.onnx open (ONNX Runtime's session over the file).
        var target = Path.Combine(_folder.Path, "tampered");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(imported))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        File.Copy(Path.Combine(_folder.Path, "logreg.onnx"), Path.Combine(target, ModelPackage.OnnxModelFileName), overwrite: true);

        var error = await Assert.ThrowsAsync<GyreException>(() => ModelPackage.LoadAsync(target, ct));

        Assert.Equal(ErrorKind.Corrupt, error.Kind);
        Assert.Contains("model.onnx has SHA-256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ExistingTarget_IsRefusedAndLeftAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        var target = Path.Combine(_folder.Path, "package");
        var first = await OnnxModelImporter.ImportAsync(Path.Combine(_folder.Path, "regression.onnx"), target, new OnnxImportOptions(), ct);

        var error = await Assert.ThrowsAsync<GyreException>(() =>
            OnnxModelImporter.ImportAsync(Path.Combine(_folder.Path, "softmax.onnx"), target, new OnnxImportOptions { Columns = ["a", "b", "c"] }, ct));

        Assert.Equal(ErrorKind.AlreadyExists, error.Kind);
        Assert.Equal(TaskKind.Regression, (await ModelPackage.LoadAsync(target, ct)).Manifest.Task);
        Assert.Equal(["x1", "x2", "x3"], first.Package.Manifest.Inputs.Select(c => c.Name));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gyre.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (with Gyre.slnx) not found above the test binaries.");
    }
}
