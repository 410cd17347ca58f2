namespace Gyre.Training.Onnx;

/// <summary>An exported ONNX model and its parity check against the ML.NET model it came from.</summary>
/// <param name="Path">The written .onnx file.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="RowsChecked">Rows scored by both runtimes.</param>
/// <param name="MaxAbsoluteDifference">Largest |ML.NET score − ONNX Runtime score| over those rows and the score outputs.</param>
/// <param name="Inputs">
/// The graph's inputs, in order: name, element type (one tensor [rows, 1] each) and the model's input column it
/// carries (with <c>.year</c>, <c>.month</c>, <c>.day</c>, <c>.day_of_week</c> or <c>.hour</c> for a part of a date-time).
/// </param>
/// <param name="Check">The checked rows and ML.NET's scores, for checking the graph in another runtime.</param>
public sealed record OnnxExportResult(string Path, long Bytes, int RowsChecked, double MaxAbsoluteDifference,
    IReadOnlyList<(string Name, string Type, string Column)> Inputs, OnnxCheckData Check);
