using System.Text;
using System.Text.Json;
using Gyre.Core;
using Gyre.Training.Featurization;
using Gyre.Training.Specs;

namespace Gyre.Training.Packaging;

/// <summary>Writes a package folder atomically: everything goes to a temporary sibling folder that is renamed into place.</summary>
internal static class ModelPackageWriter
{
    public static async Task WriteAsync(TrainedModel model, string target, PackageSaveOptions options, CancellationToken cancellationToken)
    {
        if (Path.Exists(target) && !options.Overwrite)
        {
            throw GyreException.AlreadyExists($"'{target}' already exists; pass overwrite to replace the model package.");
        }

        RequireJson(options.ReferenceProfileJson, "reference profile");
        RequireJson(options.MonitoringProfileJson, "monitoring profile");

        var parent = Path.GetDirectoryName(target) ?? throw GyreException.InvalidInput($"'{target}' has no parent folder.");
        Directory.CreateDirectory(parent);
        var name = Path.GetFileName(target);
        var staging = Path.Combine(parent, $".{name}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
            using (var buffer = new MemoryStream())
            {
                model.Context.Model.Save(model.Transformer, model.InputSchema, buffer);
                files[ModelPackage.ModelFileName] = await WriteFileAsync(staging, ModelPackage.ModelFileName, buffer.ToArray(), cancellationToken);
            }

            if (options.ReferenceProfileJson is { } json)
            {
                files[ModelPackage.ReferenceProfileFileName] = await WriteFileAsync(staging, ModelPackage.ReferenceProfileFileName, Encoding.UTF8.GetBytes(json), cancellationToken);
            }

            if (options.MonitoringProfileJson is { } monitoring)
            {
                files[ModelPackage.MonitoringProfileFileName] = await WriteFileAsync(staging, ModelPackage.MonitoringProfileFileName, Encoding.UTF8.GetBytes(monitoring), cancellationToken);
            }

            var manifest = new PackageManifest
            {
                Task = model.Task,
                Label = model.Labels.Label,
                PositiveClass = model.Labels.PositiveClass,
                ClassNames = model.Labels.ClassNames,
                Inputs = model.Signature,
                Outputs = Outputs(model.Task),
                Metrics = new SortedDictionary<string, double>(options.Metrics.ToDictionary(), StringComparer.Ordinal),
                Trainer = model.Trainer.Name,
                Hyperparameters = model.Trainer.EffectiveHyperparameters,
                TrainingDataFingerprint = options.TrainingDataFingerprint,
                Libraries = LibraryVersions.Current,
                CreatedAt = options.Clock.GetUtcNow(),
                Files = files,
            };
            await WriteFileAsync(staging, ModelPackage.ManifestFileName, JsonSerializer.SerializeToUtf8Bytes(manifest, PackageJson.Options), cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            MoveIntoPlace(staging, target, options.Overwrite);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    internal static void MoveIntoPlace(string staging, string target, bool overwrite)
    {
        if (!Path.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }

        if (!overwrite)
        {
            throw GyreException.AlreadyExists($"'{target}' already exists; pass overwrite to replace the model package.");
        }

        if (File.Exists(target))
        {
            throw GyreException.InvalidInput($"'{target}' is a file; a model package is a folder.");
        }

        var old = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.old-{Guid.NewGuid():N}");
        Directory.Move(target, old);
        Directory.Move(staging, target);
        Directory.Delete(old, recursive: true);
    }

    internal static async Task<string> WriteFileAsync(string folder, string name, byte[] bytes, CancellationToken cancellationToken)
    {
        await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes, cancellationToken);
        return ModelPackage.Sha256Hex(bytes);
    }

    internal static List<OutputField> Outputs(TaskKind task) => task switch
    {
        TaskKind.Binary =>
        [
            new("predicted_label", "string", "The positive class when probability >= 0.5, else the negative class."),
            new("probability", "float64", "Calibrated probability of the positive class."),
        ],
        TaskKind.Multiclass =>
        [
            new("predicted_label", "string", "The most probable class."),
            new("probability", "float64", "Probability of the predicted class."),
            new("class_probabilities", "float64[]", "Probability per class, aligned with class_names."),
        ],
        _ => [new("prediction", "float64", "The predicted value.")],
    };

    internal static void RequireJson(string? text, string what)
    {
        if (text is null)
        {
            return;
        }

        try
        {
            using var _ = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new GyreException(ErrorKind.InvalidInput, $"The {what} is not valid JSON: {ex.Message}", ex);
        }
    }
}
