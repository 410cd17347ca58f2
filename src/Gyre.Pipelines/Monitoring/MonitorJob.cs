using Gyre.Core;
using Gyre.Monitoring.Datasets;
using Gyre.Monitoring.Drift;
using Gyre.Monitoring.InferenceLog;
using Gyre.Monitoring.Performance;
using Gyre.Monitoring.Profiles;
using Gyre.Monitoring.Reports;
using Gyre.Pipelines.Registry;
using Gyre.Registry;
using Gyre.Training.Packaging;
using Gyre.Training.Specs;

namespace Gyre.Pipelines.Monitoring;

/// <summary>
/// Builds a <see cref="MonitoringReport"/>: resolves the model, the reference (a file, or the package's
/// monitoring profile) and the current data (a file, or the inference log), tests drift on the model's inputs,
/// outputs and label, and computes performance, slices and fairness where ground truth exists. Degraded input
/// (empty window, missing columns, unreadable log records) becomes statuses and warnings, never a crash or a
/// NaN verdict. Thread-safe as far as the stores are.
/// </summary>
public sealed class MonitorJob(RegisteredModelLoader? loader, IInferenceLogStore? inferenceLog)
{
    /// <exception cref="GyreException">InvalidInput for a contradictory request; NotFound for a missing model, file or column.</exception>
    public async Task<MonitoringReport> RunAsync(MonitorRequest request, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var warnings = new List<string>();
        progress?.Report("loading the model");
        var (package, modelName) = await LoadModelAsync(request.Model, cancellationToken);

        progress?.Report("reading the reference");
        MonitoredFiles.Loaded? referenceFile = null;
        DatasetSketch? referenceSketch = null;
        Cbpe? packageEstimator = null;
        DataSourceInfo referenceInfo;
        if (request.ReferencePath is { } profilePath && StreamingProfiler.IsProfile(profilePath))
        {
            referenceSketch = await DatasetSketch.LoadAsync(profilePath, cancellationToken);
            referenceInfo = new DataSourceInfo($"profile {profilePath}", referenceSketch.RowCount, referenceSketch.WindowStartMs, referenceSketch.WindowEndMs);
        }
        else if (request.ReferencePath is { } referencePath)
        {
            referenceFile = await MonitoredFiles.LoadAsync(referencePath, package, request.LabelColumn, null, cancellationToken);
            warnings.AddRange(referenceFile.Warnings);
            referenceInfo = referenceFile.Info;
        }
        else
        {
            var json = await package!.ReadMonitoringProfileAsync(cancellationToken)
                ?? throw GyreException.NotFound(
                    $"Model {modelName} has no monitoring profile in its package (trained before Gyre stored one); pass --reference FILE with its training data.");
            (referenceSketch, packageEstimator) = MonitoringBaseline.Read(json, $"{modelName}: {ModelPackage.MonitoringProfileFileName}");
            referenceInfo = new DataSourceInfo($"training data profile of {modelName}", referenceSketch.RowCount);
        }

        progress?.Report("reading the current data");
        if (request.CurrentPath is { } currentProfile && StreamingProfiler.IsProfile(currentProfile))
        {
            referenceSketch ??= DatasetSketch.Build(referenceFile!.Frame);
            return await CompareProfilesAsync(request, modelName, package, referenceSketch, referenceInfo, currentProfile, warnings, cancellationToken);
        }

        var current = await ReadCurrentAsync(request, package, modelName, cancellationToken);
        warnings.AddRange(current.Warnings);
        if (current.Frame.RowCount == 0)
        {
            warnings.Add($"The current data ({current.Info.Description}) has no rows: no drift verdict and no performance.");
        }

        progress?.Report("testing drift");
        var referenceColumns = referenceFile is not null
            ? referenceFile.Frame.Columns.Select(c => c.Name)
            : referenceSketch!.Columns.Select(c => c.Name);
        var columns = DriftColumns(referenceColumns, package, request);
        if (package is null && referenceFile is not null)
        {
            var identifiers = columns.Where(c => request.Drift.PerColumn?.ContainsKey(c) != true && LooksLikeIdentifier(referenceFile.Frame.Find(c))).ToList();
            columns.RemoveAll(identifiers.Contains);
            warnings.AddRange(identifiers.Select(c =>
                $"Column '{c}' has a different value in most reference rows (an identifier or free text): not tested. Name it with --method {c}=METHOD to test it anyway."));
        }

        var options = request.Drift with { Columns = columns };
        DatasetDriftResult drift;
        IReadOnlyList<ColumnDistribution> distributions;
        if (referenceFile is not null)
        {
            drift = DatasetDriftDetector.Detect(referenceFile.Frame, current.Frame, options);
            distributions = ColumnDistributions.FromFrames(referenceFile.Frame, current.Frame, columns);
        }
        else
        {
            var currentSketch = DatasetSketch.Build(Only(current.Frame, columns), new SketchOptions());
            drift = SketchDriftDetector.DetectDataset(referenceSketch!, currentSketch, options);
            distributions = SketchDistributions.From(referenceSketch!, currentSketch, columns);
        }

        if (current.Frame.RowCount > 0)
        {
            // An empty window already has its one warning; a line per untested column would only repeat it.
            warnings.AddRange(DriftWarnings(drift));
        }

        progress?.Report("computing performance");
        var quality = MonitorQuality.Compute(package?.Manifest, referenceFile, packageEstimator, current, request, warnings);
        return new MonitoringReport(
            Title(modelName, package),
            request.Now,
            modelName,
            referenceInfo,
            current.Info,
            drift,
            distributions,
            quality.Performance,
            quality.Fairness,
            warnings,
            quality.ConceptDrift);
    }

    /// <summary>
    /// Drift between two profiles (the current side given as a profile file, e.g. merged hourly profiles): no rows,
    /// so no performance or fairness; bounded memory whatever the data size.
    /// </summary>
    private static async Task<MonitoringReport> CompareProfilesAsync(
        MonitorRequest request, string? modelName, ModelPackage? package, DatasetSketch reference, DataSourceInfo referenceInfo, string currentPath,
        List<string> warnings, CancellationToken cancellationToken)
    {
        var current = await DatasetSketch.LoadAsync(currentPath, cancellationToken);
        var columns = DriftColumns(reference.Columns.Select(c => c.Name), package, request);
        var drift = SketchDriftDetector.DetectDataset(reference, current, request.Drift with { Columns = columns });
        if (current.RowCount == 0)
        {
            warnings.Add($"The current profile ({currentPath}) has no rows: no drift verdict.");
        }
        else
        {
            warnings.AddRange(DriftWarnings(drift));
        }

        if (package is not null)
        {
            warnings.Add("The current data is a profile (no rows): performance and fairness need a data file or the inference log.");
        }

        var currentInfo = new DataSourceInfo($"profile {currentPath}", current.RowCount, current.WindowStartMs, current.WindowEndMs);
        return new MonitoringReport(
            Title(modelName, package), request.Now, modelName, referenceInfo, currentInfo, drift,
            SketchDistributions.From(reference, current, columns), [], [], warnings, []);
    }

    /// <summary>Checks the request is complete and consistent (a usage error otherwise).</summary>
    /// <exception cref="GyreException">InvalidInput naming the options at fault.</exception>
    public static void Validate(MonitorRequest request)
    {
        if (request.Model is null && request.ReferencePath is null)
        {
            throw GyreException.InvalidInput("Give --model (its package's profile is the reference) or --reference FILE.");
        }

        var currentSources = (request.CurrentPath is null ? 0 : 1) + (request.Window is null ? 0 : 1) + (request.LastRows is null ? 0 : 1);
        if (currentSources != 1)
        {
            throw GyreException.InvalidInput("Give exactly one of --current FILE, --window DURATION or --last N for the current data.");
        }

        if (request.CurrentPath is null && request.Model is null)
        {
            throw GyreException.InvalidInput("--window and --last read the model's inference log: give --model too.");
        }
    }

    private async Task<(ModelPackage? Package, string? Name)> LoadModelAsync(string? model, CancellationToken cancellationToken)
    {
        if (model is null)
        {
            return (null, null);
        }

        if (Directory.Exists(model))
        {
            var package = await ModelPackage.LoadAsync(model, cancellationToken);
            return (package, Path.GetFileName(Path.TrimEndingDirectorySeparator(package.Path)));
        }

        if (loader is null)
        {
            throw GyreException.NotFound($"No model package folder '{model}', and no registry to look it up in.");
        }

        var loaded = await loader.LoadAsync(ModelReference.Parse(model), cancellationToken);
        return (loaded.Package, model);
    }

    private async Task<MonitoredFiles.Loaded> ReadCurrentAsync(MonitorRequest request, ModelPackage? package, string? modelName, CancellationToken cancellationToken)
    {
        if (request.CurrentPath is { } path)
        {
            return await MonitoredFiles.LoadAsync(path, package, request.LabelColumn, request.TimeColumn, cancellationToken);
        }

        var log = inferenceLog ?? throw GyreException.InvalidState("This workspace's store keeps no inference log; use --current FILE.");
        var endpoint = request.Endpoint ?? EndpointOf(request.Model!, modelName!);
        var records = request.Window is { } window
            ? await InferenceWindowReader.ReadWindowAsync(log, endpoint, window, request.Now, request.ModelVersion, cancellationToken)
            : await InferenceWindowReader.ReadLastAsync(log, endpoint, request.LastRows!.Value, request.ModelVersion, cancellationToken);
        var manifest = package!.Manifest;
        var logged = LoggedFrames.From(records, manifest.Inputs, manifest.Task);
        var frame = logged.Frame;
        if (frame.Find(manifest.Label) is null)
        {
            MonitoredColumn label = manifest.Task == TaskKind.Regression
                ? new Gyre.Monitoring.Datasets.NumericColumn(manifest.Label, [.. logged.Labels.Select(ParseNumber)])
                : new CategoricalColumn(manifest.Label, logged.Labels);
            frame = new MonitoredFrame([.. frame.Columns, label]);
        }

        var description = request.Window is { } w ? $"inference log of '{endpoint}', last {w}" : $"inference log of '{endpoint}', last {request.LastRows} rows";
        var info = new DataSourceInfo(
            description, frame.RowCount, logged.Times.Length == 0 ? null : logged.Times.Min(), logged.Times.Length == 0 ? null : logged.Times.Max() + 1);
        var predictions = manifest.Task == TaskKind.Regression ? null : ((CategoricalColumn)logged.Frame.Find(MonitoredFrames.PredictionColumn)!).Values;
        var scoreColumn = manifest.Task == TaskKind.Binary ? MonitoredFrames.ProbabilityColumn : MonitoredFrames.PredictionColumn;
        var scores = logged.Frame.Find(scoreColumn) is Gyre.Monitoring.Datasets.NumericColumn numeric ? numeric.Values : null;
        return new MonitoredFiles.Loaded(frame, info, logged.Times, logged.Labels, predictions, scores, logged.Problems);
    }

    /// <summary>
    /// Columns to test: with a model, its inputs (date-times excepted), its outputs and its label (label drift),
    /// as far as the reference has them; without one, every reference column except the time column.
    /// </summary>
    private static List<string> DriftColumns(IEnumerable<string> referenceColumns, ModelPackage? package, MonitorRequest request)
    {
        var available = referenceColumns.ToList();
        if (package is null)
        {
            return [.. available.Where(c => c != request.TimeColumn)];
        }

        var manifest = package.Manifest;
        var wanted = manifest.Inputs.Where(i => i.Type != Data.Tables.ColumnType.DateTime).Select(i => i.Name)
            .Append(MonitoredFrames.PredictionColumn)
            .Append(MonitoredFrames.ProbabilityColumn)
            .Append(request.LabelColumn ?? manifest.Label);
        return [.. wanted.Distinct(StringComparer.Ordinal).Where(available.Contains)];
    }

    /// <summary>The endpoint a model is served under by default: the registered name, or the package folder's name.</summary>
    private static string EndpointOf(string model, string modelName) =>
        Directory.Exists(model) ? modelName : ModelReference.Parse(model).Name;

    /// <summary>A categorical column with more than 20 distinct values making up over half its non-missing reference values (Evidently's text rule).</summary>
    private static bool LooksLikeIdentifier(MonitoredColumn? column)
    {
        if (column is not CategoricalColumn categorical)
        {
            return false;
        }

        var present = categorical.Values.OfType<string>().ToList();
        var distinct = present.Distinct(StringComparer.Ordinal).Count();
        return distinct > 20 && distinct > present.Count / 2;
    }

    private static MonitoredFrame Only(MonitoredFrame frame, IReadOnlyList<string> columns) =>
        new([.. columns.Select(frame.Find).OfType<MonitoredColumn>()]);

    private static IEnumerable<string> DriftWarnings(DatasetDriftResult drift)
    {
        foreach (var column in drift.Columns)
        {
            var why = column.Result.Status switch
            {
                DriftStatus.MissingInCurrent => "is missing from the current data",
                DriftStatus.TypeMismatch => "holds numbers on one side and categories on the other",
                DriftStatus.EmptyReference => "has no value in the reference",
                DriftStatus.EmptyCurrent => "has no value in the current data (empty or all missing)",
                DriftStatus.Undefined => "gives no defined drift score",
                _ => null,
            };
            if (why is not null)
            {
                yield return $"Column '{column.Column}' {why}: not tested.";
            }

            if (column.Result.NewCategories.Count > 0)
            {
                yield return $"Column '{column.Column}' has categories never seen in the reference: {string.Join(", ", column.Result.NewCategories.Take(10))}"
                    + (column.Result.NewCategories.Count > 10 ? $" and {column.Result.NewCategories.Count - 10} more." : ".");
            }
        }
    }

    private static double ParseNumber(string? text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : double.NaN;

    private static string Title(string? modelName, ModelPackage? package) =>
        modelName is null ? "Gyre monitoring report" : $"Gyre monitoring report: {modelName} ({package!.Manifest.Task.ToString().ToLowerInvariant()})";
}
