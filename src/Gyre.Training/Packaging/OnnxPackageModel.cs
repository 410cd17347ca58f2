using Gyre.Core;
using Gyre.Training.Featurization;
using Gyre.Training.Scoring;
using Gyre.Training.Specs;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Gyre.Training.Packaging;

/// <summary>
/// Builds, in memory, the ML.NET model of an "onnx" flavor package: the signature's columns as
/// <see cref="FeatureViewBuilder"/> presents them (f0, f1, ...: Single), converted to each graph input's element type (int64: rounded to the nearest integer)
/// and concatenated into its tensor, ONNX Runtime over the graph (ApplyOnnxModel), then a mapping of the chosen
/// output to the columns <see cref="ModelOutputReader"/> and <see cref="RowScoringEngine"/> read: "Probability"
/// (Single, binary), "Score" (Single, regression) or "Score" (vector of Single, multiclass). Nothing is trainable:
/// the chain is fitted on a one-row view of the signature (no row is read). The result is never saved (the mappings are not registered).
/// </summary>
internal static class OnnxPackageModel
{
    private const string ColumnPrefix = "__gyre_onnx_";

    /// <summary>
    /// The fitted chain for the graph at <paramref name="graphPath"/> (a package's verified model.onnx) as
    /// <paramref name="manifest"/> describes it. The graph is given by path, not as a stream, because ML.NET copies
    /// a stream to a temporary file it deletes only when the transformer is disposed (packages never are); the file
    /// stays open while the model is loaded, so a loaded package's model.onnx cannot be overwritten.
    /// </summary>
    /// <exception cref="GyreException">Corrupt naming the problem when the manifest's onnx section does not fit its signature or the graph.</exception>
    public static ITransformer Build(string graphPath, PackageManifest manifest)
    {
        var binding = manifest.Onnx ?? throw GyreException.Corrupt("manifest.json of an onnx package has no 'onnx' section.");
        var signature = manifest.Inputs;
        var context = new MLContext();
        var view = FeatureViewBuilder.Build(new FeatureRow(signature).ToTable(), signature);

        IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
        var converted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in binding.Inputs)
        {
            foreach (var column in input.Columns)
            {
                var index = IndexOf(signature, column);
                var key = $"{index}:{input.ElementType}";
                if (converted.ContainsKey(key))
                {
                    continue;
                }

                var name = $"{ColumnPrefix}{index}_{input.ElementType}";
                converted[key] = name;
                var source = FeatureViewBuilder.InputName(index);
                chain = chain.Append(input.ElementType switch
                {
                    "float" => (IEstimator<ITransformer>)context.Transforms.CopyColumns(name, source),
                    "double" => context.Transforms.Conversion.ConvertType(name, source, DataKind.Double),
                    "int64" => ToInt64(context, name, source),
                    _ => throw GyreException.Corrupt($"manifest.json: onnx input '{input.Name}' has element type '{input.ElementType}'; expected float, double or int64."),
                });
            }
        }

        foreach (var input in binding.Inputs)
        {
            var sources = input.Columns.Select(c => converted[$"{IndexOf(signature, c)}:{input.ElementType}"]).ToArray();
            chain = chain.Append(context.Transforms.Concatenate(input.Name, sources));
        }

        chain = chain.Append(context.Transforms.ApplyOnnxModel([binding.Output], [.. binding.Inputs.Select(i => i.Name)], graphPath, gpuDeviceId: null, fallbackToCpu: false));
        var scored = chain.Fit(view);
        var outputType = scored.GetOutputSchema(view.Schema)[binding.Output].Type;
        return scored.Append(OutputMapping(context, manifest.Task, binding, outputType).Fit(scored.Transform(view)));
    }

    private static IEstimator<ITransformer> OutputMapping(MLContext context, TaskKind task, OnnxGraphBinding binding, DataViewType outputType)
    {
        var input = SchemaDefinition.Create(typeof(GraphOutputRow));
        input[0].ColumnName = binding.Output;
        input[0].ColumnType = outputType;
        switch (task)
        {
            case TaskKind.Binary:
                var positive = binding.OutputIndex ?? throw GyreException.Corrupt("manifest.json: a binary onnx package needs onnx.output_index.");
                return context.Transforms.CustomMapping<GraphOutputRow, ProbabilityRow>((src, dst) => dst.Probability = src.Values[positive], null, input);
            case TaskKind.Multiclass:
                var output = SchemaDefinition.Create(typeof(VectorScoreRow));
                output[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, binding.OutputWidth);
                return context.Transforms.CustomMapping<GraphOutputRow, VectorScoreRow>((src, dst) => dst.Score = [.. src.Values], null, input, output);
            default:
                return context.Transforms.CustomMapping<GraphOutputRow, ScoreRow>((src, dst) => dst.Score = src.Values[0], null, input);
        }
    }

    /// <summary>ML.NET converts no floating type to an integer one: a mapping rounds the value to the nearest integer.</summary>
    private static CustomMappingEstimator<SingleRow, Int64Row> ToInt64(MLContext context, string name, string source)
    {
        var input = SchemaDefinition.Create(typeof(SingleRow));
        input[0].ColumnName = source;
        var output = SchemaDefinition.Create(typeof(Int64Row));
        output[0].ColumnName = name;
        return context.Transforms.CustomMapping<SingleRow, Int64Row>((src, dst) => dst.Value = (long)Math.Round(src.Value), null, input, output);
    }

    private static int IndexOf(IReadOnlyList<SignatureColumn> signature, string column)
    {
        for (var i = 0; i < signature.Count; i++)
        {
            if (string.Equals(signature[i].Name, column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw GyreException.Corrupt($"manifest.json: the onnx section names column '{column}', which is not in the inputs.");
    }

    private sealed class GraphOutputRow
    {
        public float[] Values { get; set; } = [];
    }

    private sealed class SingleRow
    {
        public float Value { get; set; }
    }

    private sealed class Int64Row
    {
        public long Value { get; set; }
    }

    private sealed class ProbabilityRow
    {
        public float Probability { get; set; }
    }

    private sealed class ScoreRow
    {
        public float Score { get; set; }
    }

    private sealed class VectorScoreRow
    {
        public float[] Score { get; set; } = [];
    }
}
