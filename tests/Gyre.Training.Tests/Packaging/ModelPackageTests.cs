using System.Text.Json;
using Gyre.Core;
using Gyre.Training.Packaging;
using Gyre.Training.Specs;
using Gyre.Training.Tests.Support;

namespace Gyre.Training.Tests.Packaging;

public sealed class ModelPackageTests
{
    [Fact]
    public async Task SaveAsync_ThenLoadAsync_SamePredictionsAndManifest()
    {
        using var temp = new TempDirectory();
        var outcome = TrainedModels.AdultBinary;
        var path = Path.Combine(temp.Path, "adult-model");
        var data = TestTables.Adult(2000).Take([.. Enumerable.Range(0, 200)]);

        var created = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await ModelPackage.SaveAsync(outcome.Model, path, new PackageSaveOptions
        {
            Metrics = outcome.Evaluation!.Metrics,
            TrainingDataFingerprint = "sha256:abc",
            ReferenceProfileJson = """{"columns":[]}""",
            Clock = new FixedClock(created),
        }, TestContext.Current.CancellationToken);
        var loaded = await ModelPackage.LoadAsync(path, TestContext.Current.CancellationToken);

        var before = outcome.Model.Predictor.Score(data, TestContext.Current.CancellationToken).Predictions;
        var after = loaded.Predictor.Score(data, TestContext.Current.CancellationToken).Predictions;
        Assert.Equal(200, after.Count);
        Assert.Equal(before.Select(p => p.Probability), after.Select(p => p.Probability));
        Assert.Equal(before.Select(p => p.PredictedLabel), after.Select(p => p.PredictedLabel));

        var manifest = loaded.Manifest;
        Assert.Equal(TaskKind.Binary, manifest.Task);
        Assert.Equal("income", manifest.Label);
        Assert.Equal(">50K", manifest.PositiveClass);
        Assert.Equal(["<=50K", ">50K"], manifest.ClassNames);
        Assert.Equal("lightgbm", manifest.Trainer);
        Assert.Equal("50", manifest.Hyperparameters["num_iterations"]);
        Assert.Equal(outcome.Evaluation.Metrics["roc_auc"], manifest.Metrics["roc_auc"]);
        Assert.Equal("sha256:abc", manifest.TrainingDataFingerprint);
        Assert.Equal(created, manifest.CreatedAt);
        Assert.Equal(outcome.Model.Signature, manifest.Inputs, SignatureComparer);
        Assert.DoesNotContain(manifest.Inputs, c => c.Name == "income");
        Assert.Contains("Private", manifest.Inputs.Single(c => c.Name == "workclass").Categories!);
        Assert.Equal([ModelPackage.ModelFileName, ModelPackage.ReferenceProfileFileName], manifest.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("""{"columns":[]}""", await loaded.ReadReferenceProfileAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain(Directory.GetDirectories(temp.Path), d => Path.GetFileName(d).StartsWith('.'));

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(path, ModelPackage.ManifestFileName), TestContext.Current.CancellationToken));
        Assert.Equal("mlnet", json.RootElement.GetProperty("flavor").GetString());
        Assert.Equal("binary", json.RootElement.GetProperty("task").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("format_version").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("libraries").GetProperty("ml_net").GetString()));
    }

    [Theory]
    [InlineData(ModelPackage.ModelFileName)]
    [InlineData(ModelPackage.ReferenceProfileFileName)]
    public async Task LoadAsync_OneByteModified_ThrowsCorruptNamingFile(string file)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "m");
        await ModelPackage.SaveAsync(TrainedModels.AdultBinary.Model, path, new PackageSaveOptions { ReferenceProfileJson = "{}" }, TestContext.Current.CancellationToken);
        var filePath = Path.Combine(path, file);
        var bytes = await File.ReadAllBytesAsync(filePath, TestContext.Current.CancellationToken);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(filePath, bytes, TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<GyreException>(() => ModelPackage.LoadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.Corrupt, ex.Kind);
        Assert.Contains(file, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_ModelFileDeleted_ThrowsCorruptNamingFile()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "m");
        await ModelPackage.SaveAsync(TrainedModels.AdultBinary.Model, path, new PackageSaveOptions(), TestContext.Current.CancellationToken);
        File.Delete(Path.Combine(path, ModelPackage.ModelFileName));

        var ex = await Assert.ThrowsAsync<GyreException>(() => ModelPackage.LoadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.Corrupt, ex.Kind);
        Assert.Contains(ModelPackage.ModelFileName, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_ExistingPathWithoutOverwrite_ThrowsAlreadyExistsAndKeepsOldPackage()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "m");
        await ModelPackage.SaveAsync(TrainedModels.AdultBinary.Model, path, new PackageSaveOptions(), TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<GyreException>(() =>
            ModelPackage.SaveAsync(TrainedModels.IrisMulticlass.Model, path, new PackageSaveOptions(), TestContext.Current.CancellationToken));

        Assert.Equal(ErrorKind.AlreadyExists, ex.Kind);
        Assert.Equal(TaskKind.Binary, (await ModelPackage.LoadAsync(path, TestContext.Current.CancellationToken)).Manifest.Task);
    }

    [Fact]
    public async Task SaveAsync_ExistingPathWithOverwrite_ReplacesPackage()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "m");
        await ModelPackage.SaveAsync(TrainedModels.AdultBinary.Model, path, new PackageSaveOptions(), TestContext.Current.CancellationToken);

        var replaced = await ModelPackage.SaveAsync(TrainedModels.IrisMulticlass.Model, path, new PackageSaveOptions { Overwrite = true }, TestContext.Current.CancellationToken);

        Assert.Equal(TaskKind.Multiclass, replaced.Manifest.Task);
        Assert.Single(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task LoadAsync_MulticlassPackage_ClassProbabilitiesMatchInMemoryModel()
    {
        using var temp = new TempDirectory();
        var outcome = TrainedModels.IrisMulticlass;
        var package = await ModelPackage.SaveAsync(outcome.Model, Path.Combine(temp.Path, "iris"), new PackageSaveOptions(), TestContext.Current.CancellationToken);
        var data = TestTables.Iris();

        var before = outcome.Model.Predictor.Score(data, TestContext.Current.CancellationToken).Predictions;
        var after = (await ModelPackage.LoadAsync(package.Path, TestContext.Current.CancellationToken)).Predictor.Score(data, TestContext.Current.CancellationToken).Predictions;

        Assert.Equal(before.SelectMany(p => p.ClassProbabilities!), after.SelectMany(p => p.ClassProbabilities!));
        Assert.Equal(["Iris-setosa", "Iris-versicolor", "Iris-virginica"], package.Manifest.ClassNames);
    }

    private static readonly IEqualityComparer<Gyre.Training.Featurization.SignatureColumn> SignatureComparer =
        EqualityComparer<Gyre.Training.Featurization.SignatureColumn>.Create(
            (a, b) => a!.Name == b!.Name && a.Type == b.Type && a.Kind == b.Kind && a.Nullable == b.Nullable && (a.Categories ?? []).SequenceEqual(b.Categories ?? []),
            c => c.Name.GetHashCode(StringComparison.Ordinal));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
