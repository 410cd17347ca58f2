using Gyre.Data.Loading;
using Gyre.Data.Synthetic;
using Gyre.Pipelines.Monitoring;
using Gyre.Pipelines.Registry;
using Gyre.Registry;
using Gyre.Stores.Sqlite;
using Gyre.Testing;
using Gyre.Tracking.Artifacts;
using Gyre.Training.Packaging;
using Gyre.Training.Specs;
using Gyre.Training.Validation;

[assembly: AssemblyFixture(typeof(Gyre.Serving.Tests.Support.ServingModels))]

namespace Gyre.Serving.Tests.Support;

/// <summary>
/// Models trained once per test run and registered in one SQLite workspace: a fraud classifier in two versions
/// (<see cref="FraudA"/>, <see cref="FraudB"/>: LightGBM with different leaves), a fraud model that also needs a field
/// requests never carry (<see cref="FraudExtra"/>, a shadow that always fails), and an iris multiclass model (all
/// numeric fields). Registered models: <c>fraud</c> (1 = A @champion, 2 = B @challenger), <c>swap</c> (1 = A, 2 = B,
/// @champion → 1; only the hot-swap test moves it), <c>extra</c> (1 @champion), <c>iris</c> (1 @champion).
/// </summary>
public sealed class ServingModels : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new();

    /// <summary>The workspace folder (gyre.db and artifacts), usable as GYRE_HOME.</summary>
    public string Home => _folder.Path;

    public SqliteTrackingStore Store { get; private set; } = null!;

    public LocalArtifactStore Artifacts { get; private set; } = null!;

    public string FraudA { get; private set; } = null!;

    public string FraudB { get; private set; } = null!;

    public string FraudExtra { get; private set; } = null!;

    public string Iris { get; private set; } = null!;

    /// <summary>Fraud rows (CSV header and lines) held out of training, for building requests.</summary>
    public IReadOnlyList<Dictionary<string, string>> FraudRows { get; private set; } = null!;

    public static RegistryActor Actor { get; } = new("tests");

    /// <summary>A source over the workspace's registry.</summary>
    public Models.ModelSource Source() => new(Store, new RegisteredModelLoader(Store, Store, Artifacts));

    public async ValueTask InitializeAsync()
    {
        var ct = CancellationToken.None;
        var data = _folder.Combine("fraud.csv");
        await FraudTransactionGenerator.WriteCsvAsync(data, 1600, 7, FraudDrift.None, ct);
        var lines = await File.ReadAllLinesAsync(data, ct);
        var header = lines[0].Split(',');
        FraudRows = [.. lines.Skip(1501).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
        await File.WriteAllLinesAsync(data, lines.Take(1501), ct);
        var extra = _folder.Combine("fraud-extra.csv");
        await File.WriteAllLinesAsync(extra, lines.Take(1501).Select((l, i) => l + (i == 0 ? ",extra_signal" : "," + (i % 7))), ct);

        FraudA = await TrainAsync(data, "fraud-a", "is_fraud", TaskKind.Binary, ("num_leaves", "15"), ct);
        FraudB = await TrainAsync(data, "fraud-b", "is_fraud", TaskKind.Binary, ("num_leaves", "5"), ct);
        FraudExtra = await TrainAsync(extra, "fraud-extra", "is_fraud", TaskKind.Binary, ("num_leaves", "5"), ct);
        Iris = await TrainAsync(Path.Combine(RepositoryRoot(), "datasets", "iris", "iris.csv"), "iris", "class", TaskKind.Multiclass, ("num_leaves", "5"), ct);

        Artifacts = new LocalArtifactStore(_folder.Combine("artifacts"));
        Store = await SqliteTrackingStore.OpenAsync(_folder.Combine("gyre.db"), _folder.Combine("artifacts"), TimeProvider.System, ct);
        var registration = new ModelRegistration(Store, Store, Artifacts);
        var options = new RegistrationOptions(Actor);
        await registration.RegisterPackageAsync("fraud", FraudA, options, ct);
        await registration.RegisterPackageAsync("fraud", FraudB, options with { Alias = "challenger" }, ct);
        await registration.RegisterPackageAsync("swap", FraudA, options, ct);
        await registration.RegisterPackageAsync("swap", FraudB, options with { NoAlias = true }, ct);
        await registration.RegisterPackageAsync("extra", FraudExtra, options, ct);
        await registration.RegisterPackageAsync("iris", Iris, options, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }

        _folder.Dispose();
    }

    private async Task<string> TrainAsync(string data, string name, string label, TaskKind task, (string Key, string Value) parameter, CancellationToken ct)
    {
        var table = await TableLoader.LoadAsync(data, null, ct);
        var spec = new TrainingSpec
        {
            Label = label,
            Task = task,
            Ignore = table.Schema.Columns.Any(c => c.Name == "transaction_id") ? ["transaction_id"] : [],
            Hyperparameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["num_iterations"] = "20", [parameter.Key] = parameter.Value },
            Validation = new ValidationSpec { Folds = 0 },
        };
        var outcome = ModelTrainer.Train(table, spec, null, ct);
        var path = _folder.Combine("packages", name);
        // With the monitoring profile training stores, so in-server monitoring has its reference.
        var options = new PackageSaveOptions { MonitoringProfileJson = MonitoringBaseline.BuildJson(table, outcome, ct) };
        await ModelPackage.SaveAsync(outcome.Model, path, options, ct);
        return path;
    }

    /// <summary>The repository's root folder (holding datasets/ and deploy/).</summary>
    public static string RepositoryRoot()
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
