using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Core;
using Gyre.Data.Files;
using Gyre.Data.Schema;
using Gyre.Data.Validation;

namespace Gyre.Pipelines.Running;

/// <summary>
/// The <c>data.validate</c> step, a CI gate: checks <c>data</c> (CSV or Parquet) against <c>schema</c> (a schema saved
/// by `gyre data schema`) with <see cref="SchemaValidator"/>, as `gyre data validate` does. Without <c>schema</c> it
/// infers one from the file (<see cref="SchemaInferrer"/>) and checks only that the file reads as a table; the report
/// then holds the inferred schema. It always writes a JSON report (path, valid, schema, rows_checked,
/// total_violations, the first <see cref="MaxViolations"/> violations with line, column and message, inferred_schema)
/// to <c>report</c>, default <c>.gyre/pipeline-reports/STEP-validation.json</c> under the working folder. Outputs:
/// <c>report</c> (its full path) and <c>valid</c> ("true"). When the file does not conform, the step fails after
/// writing the report (InvalidInput naming the file and its first violations).
/// </summary>
public sealed class DataValidateStepExecutor : IStepExecutor
{
    /// <summary>Violations listed in the report (all are counted).</summary>
    public const int MaxViolations = 100;

    /// <summary>Violations named in the failure message.</summary>
    private const int NamedInError = 3;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string Kind => "data.validate";

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = Path.GetFullPath(context.Inputs["data"], context.WorkingDirectory);
        var schemaPath = context.Inputs.TryGetValue("schema", out var schemaInput) ? Path.GetFullPath(schemaInput, context.WorkingDirectory) : null;
        var reportPath = Path.GetFullPath(
            context.Inputs.GetValueOrDefault("report") ?? Path.Combine(".gyre", "pipeline-reports", $"{context.StepId}-validation.json"), context.WorkingDirectory);

        var schema = schemaPath is null
            ? await SchemaInferrer.InferAsync(data, new SchemaInferenceOptions(), null, cancellationToken)
            : await DatasetSchemaJson.LoadAsync(schemaPath, cancellationToken);
        await context.Log.WriteLineAsync(schemaPath is null ? $"validating {data} (schema inferred from the file)" : $"validating {data} against {schemaPath}");
        var result = await SchemaValidator.ValidateAsync(data, schema, new SchemaValidationOptions { MaxViolations = MaxViolations }, cancellationToken);

        var report = new JsonObject
        {
            ["path"] = data,
            ["valid"] = result.IsValid,
            ["schema"] = schemaPath,
            ["rows_checked"] = result.RowsChecked,
            ["total_violations"] = result.TotalViolations,
            ["violations"] = new JsonArray([.. result.Violations.Select(v => (JsonNode)new JsonObject { ["line"] = v.Line, ["column"] = v.Column, ["message"] = v.Message })]),
        };
        if (schemaPath is null)
        {
            report["inferred_schema"] = JsonNode.Parse(DatasetSchemaJson.Serialize(schema));
        }

        await AtomicFile.WriteAllTextAsync(reportPath, report.ToJsonString(Indented) + "\n", cancellationToken);
        await context.Log.WriteLineAsync($"{result.RowsChecked} rows checked, {result.TotalViolations} violation(s); report at {reportPath}");
        if (!result.IsValid)
        {
            var first = string.Join("; ", result.Violations.Take(NamedInError).Select(v => v.Message));
            throw GyreException.InvalidInput(
                $"step '{context.StepId}': {data} does not conform to {schemaPath ?? "its inferred schema"}: {result.TotalViolations} violation(s), first: {first} (report: {reportPath}).");
        }

        return new Dictionary<string, string>(StringComparer.Ordinal) { ["report"] = reportPath, ["valid"] = "true" };
    }
}
