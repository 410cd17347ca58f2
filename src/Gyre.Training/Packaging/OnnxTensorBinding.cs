namespace Gyre.Training.Packaging;

/// <summary>
/// One input tensor of an imported ONNX graph and the signature columns that fill it, in order: one column for a
/// per-column input (shape [N] or [N,1]), every feature column for a packed input (shape [N,F]).
/// <paramref name="ElementType"/> is "float", "double" or "int64"; <paramref name="Shape"/> is the graph's shape
/// with -1 for a dynamic (batch) dimension.
/// </summary>
public sealed record OnnxTensorBinding(string Name, string ElementType, IReadOnlyList<int> Shape, IReadOnlyList<string> Columns);
