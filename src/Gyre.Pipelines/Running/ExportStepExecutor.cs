using System.Globalization;
using Gyre.Pipelines.Jobs;
using Gyre.Training.Packaging;

namespace Gyre.Pipelines.Running;

/// <summary>
/// The <c>export</c> step: the model (<c>model</c>: a package folder such as <c>${steps.train.outputs.model}</c>, or
/// NAME@ALIAS / NAME/VERSION through <paramref name="loadModel"/>) as ONNX at <c>out</c>, checked against ML.NET on
/// the first 1,000 rows of <c>data</c> (<see cref="OnnxExportJob"/>; above 1e-5 the step fails and writes nothing).
/// Outputs: <c>onnx</c> (the file) and its <c>max_abs_difference</c>.
/// </summary>
public sealed class ExportStepExecutor(Func<string, CancellationToken, Task<ModelPackage>> loadModel) : IStepExecutor
{
    private const int CheckedRows = 1000;

    public string Kind => "export";

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var package = await loadModel(context.Inputs["model"], cancellationToken);
        var output = Path.GetFullPath(context.Inputs["out"], context.WorkingDirectory);
        var data = Path.GetFullPath(context.Inputs["data"], context.WorkingDirectory);
        var result = await OnnxExportJob.RunAsync(package, data, CheckedRows, output, null, cancellationToken);
        await context.Log.WriteLineAsync($"exported {package.Path} to {result.Path}: {result.RowsChecked} rows checked, max |difference| {result.MaxAbsoluteDifference:G3}");
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["onnx"] = result.Path,
            ["max_abs_difference"] = result.MaxAbsoluteDifference.ToString("R", CultureInfo.InvariantCulture),
        };
    }
}
