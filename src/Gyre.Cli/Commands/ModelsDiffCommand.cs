using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Output;
using Gyre.Pipelines.Registry;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>`gyre models diff REF_A REF_B`: how two registered versions differ (params, metrics, signature, flavor, source).</summary>
public static class ModelsDiffCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var first = new Argument<string>("a") { Description = "The first version: NAME@ALIAS or NAME/VERSION." };
        var second = new Argument<string>("b") { Description = "The second version: NAME@ALIAS or NAME/VERSION." };
        var json = CommonOptions.Json();
        var command = new Command("diff", "Compare two registered versions: trainer and hyperparameters, metrics (b - a), input signature, flavor and source. Both packages are verified.")
        {
            first, second, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var workspace = await Workspace.OpenAsync(environment, ct);
            var loader = ModelsCommands.Loader(workspace);
            var a = await loader.LoadAsync(parse.GetValue(first)!, ct);
            var b = await loader.LoadAsync(parse.GetValue(second)!, ct);
            var paramsA = Params(a);
            var paramsB = Params(b);
            var paramDiffs = paramsA.Keys.Union(paramsB.Keys).Order(StringComparer.Ordinal)
                .Where(k => paramsA.GetValueOrDefault(k) != paramsB.GetValueOrDefault(k))
                .ToDictionary(k => k, k => new { a = paramsA.GetValueOrDefault(k), b = paramsB.GetValueOrDefault(k) }, StringComparer.Ordinal);
            var metricsA = a.Version.Package!.Metrics;
            var metricsB = b.Version.Package!.Metrics;
            var metrics = metricsA.Keys.Union(metricsB.Keys).Order(StringComparer.Ordinal).ToDictionary(
                k => k,
                k =>
                {
                    double? x = metricsA.TryGetValue(k, out var va) ? va : null;
                    double? y = metricsB.TryGetValue(k, out var vb) ? vb : null;
                    return new { a = x, b = y, delta = x is { } p && y is { } q ? q - p : (double?)null };
                },
                StringComparer.Ordinal);
            var inputsA = Inputs(a.Version.Package.SignatureJson);
            var inputsB = Inputs(b.Version.Package.SignatureJson);
            var signature = new
            {
                equal = JsonNode.DeepEquals(Parse(a.Version.Package.SignatureJson), Parse(b.Version.Package.SignatureJson)),
                only_in_a = inputsA.Keys.Except(inputsB.Keys).Order(StringComparer.Ordinal).ToList(),
                only_in_b = inputsB.Keys.Except(inputsA.Keys).Order(StringComparer.Ordinal).ToList(),
                changed = inputsA.Keys.Intersect(inputsB.Keys).Where(k => !JsonNode.DeepEquals(inputsA[k], inputsB[k])).Order(StringComparer.Ordinal).ToList(),
            };
            var flavor = new { a = a.Version.Package.Flavor, b = b.Version.Package.Flavor, equal = a.Version.Package.Flavor == b.Version.Package.Flavor };
            var source = new { a = a.Version.Source, b = b.Version.Source, a_run_id = a.Version.RunId?.Value, b_run_id = b.Version.RunId?.Value, equal = a.Version.Source == b.Version.Source };
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, new
                {
                    a = $"{a.Version.Name}/{a.Version.Version}",
                    b = $"{b.Version.Name}/{b.Version.Version}",
                    @params = paramDiffs,
                    metrics,
                    signature,
                    flavor,
                    source,
                });
                return ExitCodes.Success;
            }

            var console = Consoles.For(environment.Out, environment.Interactive);
            var nameA = Markup.Escape($"a = {a.Version.Name}/{a.Version.Version}");
            var nameB = Markup.Escape($"b = {b.Version.Name}/{b.Version.Version}");
            var table = new Table().AddColumn("").AddColumn(nameA).AddColumn(nameB).AddColumn(new TableColumn("b - a").RightAligned());
            foreach (var (key, m) in metrics)
            {
                table.AddRow(Markup.Escape(key), Consoles.Metric(m.a), Consoles.Metric(m.b), m.delta is { } d ? d.ToString("+0.0000;-0.0000;0", System.Globalization.CultureInfo.InvariantCulture) : "-");
            }

            table.AddEmptyRow();
            foreach (var (key, p) in paramDiffs)
            {
                table.AddRow($"[bold]* {Markup.Escape(key)}[/]", Markup.Escape(p.a ?? "-"), Markup.Escape(p.b ?? "-"), string.Empty);
            }

            table.AddRow(flavor.equal ? "flavor" : "[bold]* flavor[/]", Markup.Escape(flavor.a), Markup.Escape(flavor.b), string.Empty);
            table.AddRow(source.equal ? "source" : "[bold]* source[/]", Markup.Escape(source.a), Markup.Escape(source.b), string.Empty);
            console.Write(table);
            console.WriteLine(signature.equal
                ? "Signatures are identical."
                : $"Signatures differ: only in a: [{string.Join(", ", signature.only_in_a)}]; only in b: [{string.Join(", ", signature.only_in_b)}]; changed: [{string.Join(", ", signature.changed)}].");
            if (paramDiffs.Count == 0)
            {
                console.WriteLine("Trainer and hyperparameters are identical.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The trainer and its hyperparameters from the verified manifest.</summary>
    private static Dictionary<string, string> Params(LoadedModelVersion loaded)
    {
        var manifest = loaded.Package.Manifest;
        var result = manifest.Hyperparameters.ToDictionary(h => "hyperparameters." + h.Key, h => h.Value, StringComparer.Ordinal);
        result["trainer"] = manifest.Trainer;
        result["task"] = manifest.Task.ToString().ToLowerInvariant();
        result["label"] = manifest.Label;
        return result;
    }

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);

    /// <summary>Input columns by name from a signature JSON.</summary>
    private static Dictionary<string, JsonNode?> Inputs(string? signatureJson)
    {
        var inputs = Parse(signatureJson)?["inputs"] as JsonArray ?? [];
        return inputs.Where(i => i?["name"] is not null).ToDictionary(i => i!["name"]!.GetValue<string>(), i => i, StringComparer.Ordinal);
    }
}
