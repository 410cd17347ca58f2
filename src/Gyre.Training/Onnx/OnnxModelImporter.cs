using Gyre.Core;
using Gyre.Data.Loading;
using Gyre.Data.Profiling;
using Gyre.Data.Tables;
using Gyre.Training.Featurization;
using Gyre.Training.Packaging;
using Gyre.Training.Scoring;
using Gyre.Training.Specs;
using Microsoft.ML.OnnxRuntime;

namespace Gyre.Training.Onnx;

/// <summary>
/// Imports an ONNX model trained anywhere (scikit-learn via skl2onnx, PyTorch, ...) as an "onnx" flavor package,
/// reading its signature from the graph with ONNX Runtime. Inputs: either per-column tensors of shape [N] or [N,1]
/// (the input names become the signature's columns) or one packed tensor [N,F] whose F features are named by
/// <see cref="OnnxImportOptions.Columns"/>; element types float, double or int64; every column numeric and
/// non-nullable. Output: one float tensor, [N,2] → binary (the second value is the positive class's probability),
/// [N,K&gt;2] → multiclass, [N] or [N,1] → regression (or, with task binary, the positive-class probability).
/// The package is written atomically, then loaded and one row of zeros is scored, so a graph Gyre cannot run fails
/// here (and leaves nothing) rather than at serving time.
/// </summary>
public static class OnnxModelImporter
{
    private static readonly Dictionary<Type, string> ElementTypes = new()
    {
        [typeof(float)] = "float",
        [typeof(double)] = "double",
        [typeof(long)] = "int64",
    };

    /// <summary>Imports <paramref name="onnxPath"/> as a package at <paramref name="packagePath"/>.</summary>
    /// <exception cref="GyreException">
    /// NotFound for a missing file; InvalidInput naming the input, output or option (--columns, --output, --task,
    /// --classes, --reference-data) when the graph or the options do not fit; AlreadyExists when the package exists.
    /// </exception>
    public static async Task<OnnxImportResult> ImportAsync(string onnxPath, string packagePath, OnnxImportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(onnxPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(packagePath);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(onnxPath))
        {
            throw GyreException.NotFound($"ONNX model '{onnxPath}' does not exist.");
        }

        var graph = await File.ReadAllBytesAsync(onnxPath, cancellationToken);
        var (manifest, binding) = Describe(onnxPath, graph, options);
        string? referenceProfile = null;
        string? monitoringProfile = null;
        if (options.ReferenceDataPath is { } referencePath)
        {
            var reference = await LoadReferenceAsync(referencePath, manifest.Inputs, cancellationToken);
            referenceProfile = DatasetProfiler.Profile(reference).ToJson();
            if (options.MonitoringProfile is { } monitoring)
            {
                var predictor = new ModelPredictor(Run(onnxPath, () => OnnxPackageModel.Build(onnxPath, manifest)), manifest.Inputs, manifest.ToLabelMapping());
                monitoringProfile = Run(onnxPath, () => monitoring(predictor, reference));
            }
        }

        var target = Path.GetFullPath(packagePath);
        var saveOptions = new PackageSaveOptions
        {
            ReferenceProfileJson = referenceProfile, MonitoringProfileJson = monitoringProfile, Overwrite = options.Overwrite, Clock = options.Clock,
        };
        await OnnxPackageWriter.WriteAsync(graph, manifest, target, saveOptions, cancellationToken);
        try
        {
            var package = await ModelPackage.LoadAsync(target, cancellationToken);
            var scorer = RowScorer.For(package);
            var row = scorer.RentRow();
            for (var i = 0; i < scorer.Signature.Count; i++)
            {
                row.SetNumber(i, 0);
            }

            scorer.Score(row);
            return new OnnxImportResult(package, binding);
        }
        catch (Exception ex) when (ex is GyreException or InvalidOperationException or ArgumentException or OnnxRuntimeException)
        {
            Directory.Delete(target, recursive: true);
            throw ex is GyreException { Kind: not ErrorKind.Corrupt } gyre
                ? gyre
                : new GyreException(ErrorKind.InvalidInput, $"'{onnxPath}': Gyre cannot run this graph on one row: {Innermost(ex).Message}", ex);
        }
    }

    /// <summary>The manifest (without files) and graph binding for <paramref name="graph"/>.</summary>
    internal static (PackageManifest Manifest, OnnxGraphBinding Binding) Describe(string onnxPath, byte[] graph, OnnxImportOptions options)
    {
        InferenceSession session;
        try
        {
            session = new InferenceSession(graph);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new GyreException(ErrorKind.InvalidInput, $"'{onnxPath}' is not an ONNX model ONNX Runtime can load: {ex.Message}", ex);
        }

        using (session)
        {
            var inputs = Inputs(onnxPath, session, options.Columns);
            var columns = inputs.SelectMany(i => i.Columns).ToList();
            var (output, shape, width) = Output(onnxPath, session, options.Output);
            var task = options.Task ?? (width == 1 ? TaskKind.Regression : width == 2 ? TaskKind.Binary : TaskKind.Multiclass);
            int? outputIndex = null;
            switch (task)
            {
                case TaskKind.Binary when width is 1 or 2:
                    outputIndex = width - 1;
                    break;
                case TaskKind.Binary:
                    throw GyreException.InvalidInput($"--task binary: output '{output}' has {width} values per row; a binary model's output has 2 (class probabilities) or 1 (the positive class's).");
                case TaskKind.Multiclass when width < 2:
                    throw GyreException.InvalidInput($"--task multiclass: output '{output}' has one value per row; a multiclass model's output has one probability per class.");
                case TaskKind.Regression when width != 1:
                    throw GyreException.InvalidInput($"--task regression: output '{output}' has {width} values per row; a regression model's output has 1.");
            }

            var classes = ClassNames(task, task == TaskKind.Multiclass ? width : 2, options.ClassNames);
            var binding = new OnnxGraphBinding(inputs, output, shape, width, outputIndex);
            var metadata = session.ModelMetadata;
            var manifest = new PackageManifest
            {
                Flavor = PackageManifest.OnnxFlavor,
                Task = task,
                Label = options.Label,
                PositiveClass = task == TaskKind.Binary ? classes[1] : null,
                ClassNames = classes,
                Inputs = [.. columns.Select(c => new SignatureColumn(c, ColumnType.Numeric, FeatureKind.Numeric, Nullable: false))],
                Outputs = ModelPackageWriter.Outputs(task),
                Trainer = "onnx",
                Hyperparameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    ["onnx.producer"] = metadata.ProducerName ?? string.Empty,
                    ["onnx.graph"] = metadata.GraphName ?? string.Empty,
                    ["onnx.source_file"] = Path.GetFileName(onnxPath),
                },
                Libraries = LibraryVersions.Current,
                CreatedAt = options.Clock.GetUtcNow(),
                Files = new Dictionary<string, string>(),
                Onnx = binding,
            };
            return (manifest, binding);
        }
    }

    private static List<OnnxTensorBinding> Inputs(string onnxPath, InferenceSession session, IReadOnlyList<string>? columns)
    {
        var described = new List<(string Name, string Type, int[] Shape)>();
        foreach (var name in session.InputNames)
        {
            var node = session.InputMetadata[name];
            if (!node.IsTensor || !ElementTypes.TryGetValue(node.ElementType, out var type))
            {
                throw GyreException.InvalidInput(
                    $"'{onnxPath}': input '{name}' is a {(node.IsTensor ? TypeName(node.ElementType) + " tensor" : node.OnnxValueType.ToString())}; Gyre feeds float, double or int64 tensors (numeric columns).");
            }

            var shape = node.Dimensions;
            if (shape.Length is < 1 or > 2)
            {
                throw GyreException.InvalidInput($"'{onnxPath}': input '{name}' has shape {ShapeText(shape)}; expected [N] or [N,1] per column, or [N,F] for all features.");
            }

            if (shape[0] > 1)
            {
                throw GyreException.InvalidInput($"'{onnxPath}': input '{name}' has a fixed batch dimension of {shape[0]} ({ShapeText(shape)}); Gyre feeds one row at a time, so the first dimension must be dynamic or 1.");
            }

            described.Add((name, type, shape));
        }

        if (described.Count == 0)
        {
            throw GyreException.InvalidInput($"'{onnxPath}': the graph has no inputs.");
        }

        var packed = described.Where(d => d.Shape.Length == 2 && d.Shape[1] != 1).ToList();
        List<OnnxTensorBinding> inputs;
        if (packed.Count > 0)
        {
            if (described.Count > 1)
            {
                throw GyreException.InvalidInput(
                    $"'{onnxPath}': input '{packed[0].Name}' has shape {ShapeText(packed[0].Shape)} next to other inputs; Gyre reads either one [N,F] input or one [N]/[N,1] input per column.");
            }

            var (name, type, shape) = packed[0];
            var features = shape[1];
            if (columns is null || (features > 0 && columns.Count != features))
            {
                var count = features > 0 ? features.ToString(System.Globalization.CultureInfo.InvariantCulture) : "F";
                throw GyreException.InvalidInput(
                    $"--columns: input '{name}' has shape {ShapeText(shape)}, so pass its {count} feature names in order (--columns a,b,c)" +
                    (columns is null ? "." : $"; got {columns.Count}."));
            }

            inputs = [new OnnxTensorBinding(name, type, [shape[0], columns.Count], [.. columns])];
        }
        else
        {
            if (columns is not null && columns.Count != described.Count)
            {
                throw GyreException.InvalidInput(
                    $"--columns: the graph has {described.Count} per-column inputs ({string.Join(", ", described.Select(d => d.Name))}); got {columns.Count} names.");
            }

            inputs = [.. described.Select((d, i) => new OnnxTensorBinding(d.Name, d.Type, d.Shape, [columns?[i] ?? d.Name]))];
        }

        var names = inputs.SelectMany(i => i.Columns).ToList();
        if (names.FirstOrDefault(string.IsNullOrWhiteSpace) is not null)
        {
            throw GyreException.InvalidInput("--columns: a column name is empty.");
        }

        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw GyreException.InvalidInput($"--columns: column '{duplicate.Key}' is named twice.");
        }

        return inputs;
    }

    private static (string Name, int[] Shape, int Width) Output(string onnxPath, InferenceSession session, string? requested)
    {
        var all = session.OutputNames;
        string name;
        if (requested is not null)
        {
            if (!session.OutputMetadata.ContainsKey(requested))
            {
                throw GyreException.InvalidInput($"--output: the graph has no output '{requested}'; its outputs are: {string.Join(", ", all.Select(o => Describe(o, session.OutputMetadata[o])))}.");
            }

            name = requested;
        }
        else
        {
            name = all.FirstOrDefault(o => session.OutputMetadata[o] is { IsTensor: true } node && node.ElementType == typeof(float))
                ?? throw GyreException.InvalidInput(
                    $"'{onnxPath}': the graph has no float tensor output to read; its outputs are: {string.Join(", ", all.Select(o => Describe(o, session.OutputMetadata[o])))} " +
                    "(export scikit-learn classifiers with zipmap disabled).");
        }

        var meta = session.OutputMetadata[name];
        if (!meta.IsTensor || meta.ElementType != typeof(float))
        {
            throw GyreException.InvalidInput($"--output: output {Describe(name, meta)} is not a float tensor; Gyre reads scores and probabilities from float outputs.");
        }

        var shape = meta.Dimensions;
        var width = shape.Length switch
        {
            1 => 1,
            2 when shape[1] > 0 => shape[1],
            _ => throw GyreException.InvalidInput($"--output: output '{name}' has shape {ShapeText(shape)}; expected [N], [N,1] or [N,K] with a fixed K."),
        };
        return (name, shape, width);
    }

    private static List<string> ClassNames(TaskKind task, int count, IReadOnlyList<string>? given)
    {
        if (task == TaskKind.Regression)
        {
            return given is null ? [] : throw GyreException.InvalidInput("--classes: a regression model has no classes.");
        }

        if (given is null)
        {
            return [.. Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        }

        if (given.Count != count || given.Distinct(StringComparer.Ordinal).Count() != count || given.Any(string.IsNullOrWhiteSpace))
        {
            throw GyreException.InvalidInput($"--classes: the model has {count} classes (in output order); got {given.Count} names ({string.Join(",", given)}), which must be distinct and non-empty.");
        }

        return [.. given];
    }

    private static async Task<DataTable> LoadReferenceAsync(string path, IReadOnlyList<SignatureColumn> signature, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw GyreException.NotFound($"--reference-data: '{path}' does not exist.");
        }

        var data = await TableLoader.LoadAsync(path, null, cancellationToken);
        foreach (var column in signature)
        {
            var found = data.Schema.Find(column.Name) ?? throw GyreException.InvalidInput(
                $"--reference-data: '{path}' has no column '{column.Name}', an input of the model; its columns are: {string.Join(", ", data.Schema.Columns.Select(c => c.Name))}.");
            if (found.Type is not (ColumnType.Numeric or ColumnType.Boolean))
            {
                throw GyreException.InvalidInput($"--reference-data: column '{column.Name}' of '{path}' is {found.Type.ToString().ToLowerInvariant()}; the model's inputs are numeric.");
            }
        }

        return data;
    }

    /// <summary>Runs <paramref name="action"/>, turning ML.NET's and ONNX Runtime's failures into InvalidInput naming the file.</summary>
    private static T Run<T>(string onnxPath, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or OnnxRuntimeException)
        {
            throw new GyreException(ErrorKind.InvalidInput, $"'{onnxPath}': Gyre cannot run this graph: {Innermost(ex).Message}", ex);
        }
    }

    private static string Describe(string name, NodeMetadata node) =>
        node.IsTensor ? $"'{name}' ({TypeName(node.ElementType)} {ShapeText(node.Dimensions)})" : $"'{name}' ({node.OnnxValueType})";

    private static string TypeName(Type type) => ElementTypes.TryGetValue(type, out var name) ? name : type.Name.ToLowerInvariant();

    private static string ShapeText(int[] shape) => "[" + string.Join(",", shape.Select(d => d < 0 ? "N" : d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;
}
