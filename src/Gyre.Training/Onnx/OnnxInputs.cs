using Gyre.Core;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Gyre.Training.Onnx;

/// <summary>The ONNX Runtime inputs for the rows of a featurized view: one [rows, 1] tensor per graph input, from the view's column of the same name.</summary>
internal static class OnnxInputs
{
    public static List<NamedOnnxValue> From(InferenceSession session, IDataView view, int rows)
    {
        var inputs = new List<NamedOnnxValue>();
        foreach (var (name, meta) in session.InputMetadata)
        {
            var column = view.Schema.GetColumnOrNull(name)
                ?? throw GyreException.InvalidState($"The ONNX graph expects an input '{name}' that the featurized rows do not have.");
            int[] shape = [rows, 1];
            NamedOnnxValue value = meta.ElementType switch
            {
                var t when t == typeof(float) => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(view.GetColumn<float>(column).ToArray(), shape)),
                var t when t == typeof(string) => NamedOnnxValue.CreateFromTensor(name,
                    new DenseTensor<string>(view.GetColumn<ReadOnlyMemory<char>>(column).Select(m => m.ToString()).ToArray(), shape)),
                var t when t == typeof(bool) => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<bool>(view.GetColumn<bool>(column).ToArray(), shape)),
                _ => throw GyreException.InvalidState($"The ONNX graph's input '{name}' has element type {meta.ElementType.Name}, which Gyre does not feed yet."),
            };
            inputs.Add(value);
        }

        return inputs;
    }

    /// <summary>The values of an input built by <see cref="From"/>, one per row.</summary>
    public static object[] Values(NamedOnnxValue input) => input.Value switch
    {
        DenseTensor<float> t => [.. t.ToArray().Cast<object>()],
        DenseTensor<string> t => [.. t.ToArray().Cast<object>()],
        DenseTensor<bool> t => [.. t.ToArray().Cast<object>()],
        _ => throw new InvalidOperationException($"Unexpected input tensor for '{input.Name}'."),
    };
}
