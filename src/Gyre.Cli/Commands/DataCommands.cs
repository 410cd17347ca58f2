using System.CommandLine;
using System.Globalization;
using Gyre.Cli.Output;
using Gyre.Core;
using Gyre.Data.Loading;
using Gyre.Data.Profiling;
using Gyre.Data.Schema;
using Gyre.Data.Synthetic;
using Gyre.Data.Tables;
using Gyre.Data.Validation;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>`gyre data profile|schema|validate|synth`.</summary>
public static class DataCommands
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("data", "Inspect, describe, check and generate data files (CSV or Parquet).");
        command.Subcommands.Add(Profile(environment));
        command.Subcommands.Add(Schema(environment));
        command.Subcommands.Add(Validate(environment));
        command.Subcommands.Add(Synth(environment));
        return command;
    }

    private static Option<string[]> TypeOverrides() =>
        new("--type") { Description = "Override an inferred column type: COLUMN=numeric|boolean|categorical|text|datetime (repeatable)." };

    private static Dictionary<string, ColumnType> ParseTypes(string[]? pairs)
    {
        var result = new Dictionary<string, ColumnType>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var equals = pair.LastIndexOf('=');
            var typeName = equals > 0 ? pair[(equals + 1)..].Trim().Replace("_", string.Empty, StringComparison.Ordinal) : string.Empty;
            if (equals <= 0 || !Enum.TryParse<ColumnType>(typeName, ignoreCase: true, out var type) || int.TryParse(typeName, out _))
            {
                throw GyreException.InvalidInput($"--type '{pair}' is not COLUMN=TYPE with TYPE one of numeric, boolean, categorical, text, datetime.");
            }

            result[pair[..equals]] = type;
        }

        return result;
    }

    private static Command Profile(CliEnvironment environment)
    {
        var file = new Argument<string>("file") { Description = "A CSV or Parquet file." };
        var types = TypeOverrides();
        var json = CommonOptions.Json();
        var command = new Command("profile", "Per-column statistics: counts, missing, min/max/mean/std, quantiles, histogram, top categories.") { file, types, json };
        command.SetAction(async (parse, ct) =>
        {
            var path = environment.ResolvePath(parse.GetValue(file)!);
            var options = new TableLoadOptions { Inference = new SchemaInferenceOptions { Overrides = ParseTypes(parse.GetValue(types)) } };
            var quiet = parse.GetValue(json);
            var profile = await ProgressDisplay.RunAsync(environment, quiet, "profiling", async progress =>
            {
                progress.Report(new ProgressStep($"reading {Path.GetFileName(path)}", 0.1));
                var table = await TableLoader.LoadAsync(path, options, ct);
                progress.Report(new ProgressStep("computing statistics", 0.8));
                return DatasetProfiler.Profile(table);
            });
            if (quiet)
            {
                await environment.Out.WriteLineAsync(profile.ToJson());
                return ExitCodes.Success;
            }

            WriteProfile(Consoles.For(environment.Out, environment.Interactive), path, profile);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteProfile(IAnsiConsole console, string path, DatasetProfile profile)
    {
        console.MarkupLine($"[bold]{Markup.Escape(Path.GetFileName(path))}[/]: {profile.RowCount} rows, {profile.Columns.Count} columns");
        var table = new Table().AddColumns("column", "type", "count", "missing", "distinct", "min", "mean", "std", "p50", "max", "top values / histogram");
        foreach (var c in profile.Columns)
        {
            var top = c.TopValues is { Count: > 0 } values
                ? string.Join(", ", values.Take(4).Select(v => $"{v.Value} ({v.Count})"))
                : c.Histogram is { } histogram ? Sparkline(histogram.Counts) : string.Empty;
            table.AddRow(
                Markup.Escape(c.Name),
                c.Type.ToString().ToLowerInvariant(),
                c.Count.ToString(CultureInfo.InvariantCulture),
                c.Missing.ToString(CultureInfo.InvariantCulture),
                c.Distinct.ToString(CultureInfo.InvariantCulture) + (c.DistinctCapped ? "+" : string.Empty),
                Number(c.Min) ?? c.MinTimestamp?.ToString("u", CultureInfo.InvariantCulture) ?? "",
                Number(c.Mean) ?? "",
                Number(c.Std) ?? "",
                Number(c.Quantiles?.P50) ?? "",
                Number(c.Max) ?? c.MaxTimestamp?.ToString("u", CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(top));
        }

        console.Write(table);
    }

    private static string? Number(double? value) => value?.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A histogram as a row of block characters, tallest bin = full block.</summary>
    private static string Sparkline(IReadOnlyList<long> counts)
    {
        const string blocks = " ▁▂▃▄▅▆▇█";
        var max = counts.Count == 0 ? 0 : counts.Max();
        return max == 0 ? string.Empty : string.Concat(counts.Select(c => blocks[(int)Math.Round(c * 8.0 / max)]));
    }

    private static Command Schema(CliEnvironment environment)
    {
        var file = new Argument<string>("file") { Description = "A CSV or Parquet file." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the schema (JSON) here; without it, print it." };
        var types = TypeOverrides();
        var command = new Command("schema", "Infer a file's schema (column types, nullability, categories) and save it for 'gyre data validate'.") { file, output, types };
        command.SetAction(async (parse, ct) =>
        {
            var path = environment.ResolvePath(parse.GetValue(file)!);
            var schema = await SchemaInferrer.InferAsync(path, new SchemaInferenceOptions { Overrides = ParseTypes(parse.GetValue(types)) }, null, ct);
            if (parse.GetValue(output) is { } target)
            {
                var targetPath = environment.ResolvePath(target);
                await DatasetSchemaJson.SaveAsync(schema, targetPath, ct);
                await environment.Error.WriteLineAsync($"Schema of {schema.Columns.Count} columns written to {targetPath}.");
            }
            else
            {
                await environment.Out.WriteLineAsync(DatasetSchemaJson.Serialize(schema));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Validate(CliEnvironment environment)
    {
        var file = new Argument<string>("file") { Description = "A CSV or Parquet file to check." };
        var schemaOption = new Option<string>("--schema", "-s") { Description = "A schema saved by 'gyre data schema'.", Required = true };
        var max = new Option<int>("--max-violations") { Description = "List at most this many violations (all are counted).", DefaultValueFactory = _ => 100 };
        var json = CommonOptions.Json();
        var command = new Command("validate", "Check a file against a saved schema; exit code 1 when it does not conform.") { file, schemaOption, max, json };
        command.SetAction(async (parse, ct) =>
        {
            var path = environment.ResolvePath(parse.GetValue(file)!);
            var schema = await DatasetSchemaJson.LoadAsync(environment.ResolvePath(parse.GetValue(schemaOption)!), ct);
            var report = await SchemaValidator.ValidateAsync(path, schema, new SchemaValidationOptions { MaxViolations = parse.GetValue(max) }, ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new
                {
                    path = report.Path,
                    valid = report.IsValid,
                    rows_checked = report.RowsChecked,
                    total_violations = report.TotalViolations,
                    violations = report.Violations,
                });
            }
            else
            {
                var console = Consoles.For(environment.Out, environment.Interactive);
                if (report.IsValid)
                {
                    console.WriteLine($"{path}: valid ({report.RowsChecked} rows checked).");
                }
                else
                {
                    var table = new Table().AddColumns("line", "column", "problem");
                    foreach (var v in report.Violations)
                    {
                        table.AddRow(v.Line?.ToString(CultureInfo.InvariantCulture) ?? "-", Markup.Escape(v.Column ?? "-"), Markup.Escape(v.Message));
                    }

                    console.Write(table);
                    console.WriteLine($"{path}: {report.TotalViolations} violation(s) in {report.RowsChecked} rows" +
                        (report.IsTruncated ? $" (first {report.Violations.Count} listed)." : "."));
                }
            }

            return report.IsValid ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static Command Synth(CliEnvironment environment)
    {
        var kind = new Argument<string>("kind") { Description = "What to generate: fraud (card transactions, label is_fraud)." };
        kind.AcceptOnlyFromAmong("fraud");
        var rows = new Option<long>("--rows", "-n") { Description = "Number of rows.", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<long>("--seed") { Description = "Seed: the same seed gives the same file, byte for byte.", DefaultValueFactory = _ => 42 };
        var output = new Option<string>("--output", "-o") { Description = "The CSV file to write.", Required = true };
        var drift = new Option<string>("--drift") { Description = "none, covariate (features shift) or concept (the feature-label relation changes).", DefaultValueFactory = _ => "none" };
        drift.AcceptOnlyFromAmong("none", "covariate", "concept");
        var command = new Command("synth", "Generate a deterministic synthetic data set.") { kind, rows, seed, output, drift };
        command.SetAction(async (parse, ct) =>
        {
            var path = environment.ResolvePath(parse.GetValue(output)!);
            var count = parse.GetValue(rows);
            var mode = Enum.Parse<FraudDrift>(parse.GetValue(drift)!, ignoreCase: true);
            await ProgressDisplay.RunAsync(environment, false, "generating", async progress =>
            {
                progress.Report(new ProgressStep($"{count} fraud transactions", 0.1));
                await FraudTransactionGenerator.WriteCsvAsync(path, count, parse.GetValue(seed), mode, ct);
                return 0;
            });
            await environment.Error.WriteLineAsync($"Wrote {count} rows to {path}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
