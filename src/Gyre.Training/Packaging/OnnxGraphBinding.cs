namespace Gyre.Training.Packaging;

/// <summary>
/// What loading an "onnx" flavor package needs besides the graph (manifest.json's <c>onnx</c> section): the graph's
/// inputs and which float output is read. <paramref name="OutputWidth"/> is the output's values per row (1 for a
/// [N] or [N,1] output, K for [N,K]). <paramref name="OutputIndex"/> is, for a binary model, the position of the
/// positive-class probability within a row of the output (1 for a [N,2] output, 0 for a single value); null
/// otherwise (regression reads the only value, multiclass every value).
/// </summary>
public sealed record OnnxGraphBinding(IReadOnlyList<OnnxTensorBinding> Inputs, string Output, IReadOnlyList<int> OutputShape, int OutputWidth, int? OutputIndex);
