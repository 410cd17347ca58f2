namespace Gyre.Training.Onnx;

/// <summary>
/// The rows an ONNX export was checked on, as the graph takes them, and the scores ML.NET gave them: golden data
/// to validate the model in another runtime (an edge device, a browser). Inputs by graph input name (numbers as
/// float, text as string, flags as bool; one value per row); expected outputs by output name (e.g. Probability.output).
/// </summary>
public sealed record OnnxCheckData(IReadOnlyDictionary<string, object[]> Inputs, IReadOnlyDictionary<string, float[]> ExpectedOutputs);
