using System.Globalization;
using System.Text;
using System.Text.Json;
using Gyre.Pipelines.Registry;
using Gyre.Training.Packaging;

namespace Gyre.Pipelines.Running;

/// <summary>
/// The <c>evaluate</c> step: scores the model (<c>model</c>: a package folder such as
/// <c>${steps.train.outputs.model}</c>, relative to the working folder, or NAME@ALIAS / NAME/VERSION through
/// <paramref name="loadModel"/>) on the labeled file <c>data</c> and computes its task's metrics, as the promotion gate
/// does (<see cref="ModelPromotionEvaluation.EvaluateAsync"/>: the same names and values as training's holdout metrics
/// on the same rows). <c>label</c>: the file's ground-truth column, default the model's label. Output: <c>metrics</c>,
/// a compact JSON object of metric name to value (e.g. <c>{"accuracy":0.97,"roc_auc":0.93}</c>, names sorted, numbers
/// in round-trip form; a metric undefined on the rows is null). A bad row fails the step naming the file and line.
/// </summary>
public sealed class EvaluateStepExecutor(Func<string, CancellationToken, Task<ModelPackage>> loadModel) : IStepExecutor
{
    public string Kind => "evaluate";

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var package = await loadModel(ModelInput.Resolve(context.Inputs["model"], context.WorkingDirectory), cancellationToken);
        var data = Path.GetFullPath(context.Inputs["data"], context.WorkingDirectory);
        var evaluation = await ModelPromotionEvaluation.EvaluateAsync(package, data, context.Inputs.GetValueOrDefault("label"), cancellationToken);
        var metrics = Format(evaluation.Metrics);
        await context.Log.WriteLineAsync($"evaluated {package.Path} on {evaluation.RowCount} rows of {data}: {metrics}");
        return new Dictionary<string, string>(StringComparer.Ordinal) { ["metrics"] = metrics };
    }

    /// <summary>The metrics as a compact JSON object, names in ordinal order, values "R"-formatted (NaN and infinities as null).</summary>
    public static string Format(IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var json = new StringBuilder("{");
        foreach (var (name, value) in metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (json.Length > 1)
            {
                json.Append(',');
            }

            json.Append(JsonSerializer.Serialize(name)).Append(':')
                .Append(double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "null");
        }

        return json.Append('}').ToString();
    }
}
