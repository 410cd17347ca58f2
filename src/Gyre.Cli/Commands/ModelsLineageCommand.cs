using System.CommandLine;
using Gyre.Cli.Output;
using Gyre.Pipelines.Registry;
using Gyre.Tracking;
using Spectre.Console;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre models lineage NAME@ALIAS|NAME/VERSION`: version → package → run → spec and hyperparameters → datasets
/// (rechecked against their fingerprints) → code commit. Gaps and mismatches are warnings, not failures: exit 1
/// only when the version itself cannot be found.
/// </summary>
public static class ModelsLineageCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var target = new Argument<string>("model") { Description = "The version to trace: NAME@ALIAS (e.g. fraud@champion) or NAME/VERSION (e.g. fraud/3)." };
        var json = CommonOptions.Json();
        var command = new Command(
            "lineage",
            "Trace a registered version to what produced it: its package (checked against the recorded checksum), the run, the spec " +
            "and hyperparameters (as given and as the trainer used them), metrics, the datasets with their fingerprints (each file " +
            "rechecked: matches, changed or missing) and the git commit. A missing or tampered package, a deleted run or changed " +
            "data are reported as warnings.")
        {
            target, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var workspace = await Workspace.OpenAsync(environment, ct);
            var lineage = new ModelLineage(workspace.Registry, workspace.Tracking, workspace.Artifacts);
            var report = await lineage.TraceAsync(parse.GetValue(target)!, ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(environment.Out, ToJson(report));
            }
            else
            {
                Write(Consoles.For(environment.Out, environment.Interactive), report);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The --json document; names are snake_case, times ISO 8601 UTC, enums lowercase.</summary>
    private static object ToJson(ModelLineageReport report)
    {
        var version = report.Version;
        var package = report.Package;
        var run = report.Run;
        var spec = report.Spec;
        return new
        {
            reference = report.Reference.ToString(),
            version = new
            {
                name = version.Name,
                version = version.Version,
                aliases = version.Aliases,
                stage = version.Stage,
                source = version.Source,
                run_id = version.RunId?.Value,
                user_id = version.UserId,
                description = version.Description,
                created = ModelViews.Time(version.CreationTime),
            },
            package = new
            {
                sha256 = package.Sha256,
                flavor = package.Flavor,
                check = Lower(package.Check),
                problem = package.Problem,
                manifest = package.Manifest is { } m
                    ? new
                    {
                        verified = m.Verified,
                        trainer = m.Trainer,
                        task = m.Task,
                        label = m.Label,
                        hyperparameters = m.Hyperparameters,
                        training_data_fingerprint = m.TrainingDataFingerprint,
                        libraries = m.Libraries is { } l ? new { gyre = l.Gyre, ml_net = l.MlNet, dot_net = l.DotNet } : null,
                        created = ModelViews.Time(m.CreatedAt.ToUnixTimeMilliseconds()),
                    }
                    : null,
            },
            run = run is null
                ? null
                : new
                {
                    run_id = run.RunId,
                    name = run.Name,
                    experiment_id = run.ExperimentId,
                    experiment_name = run.ExperimentName,
                    status = Lower(run.Status),
                    lifecycle_stage = Lower(run.LifecycleStage),
                    start_time = ModelViews.Time(run.StartTime),
                    end_time = run.EndTime is { } end ? ModelViews.Time(end) : null,
                    user = run.User,
                    source = run.Source,
                    host = run.Host,
                    gyre_version = run.GyreVersion,
                },
            spec = spec is null
                ? null
                : new
                {
                    origin = Lower(spec.Origin),
                    trainer = spec.Trainer,
                    task = spec.Task,
                    label = spec.Label,
                    positive_class = spec.PositiveClass,
                    seed = spec.Seed,
                    data = spec.Data,
                    test_data = spec.TestData,
                    validation = spec.Validation,
                    featurization = spec.Featurization,
                    hyperparameters = spec.Hyperparameters,
                    effective_hyperparameters = spec.EffectiveHyperparameters,
                    other = spec.Other,
                },
            metrics = new { origin = Lower(report.Metrics.Origin), values = report.Metrics.Values },
            datasets = report.Datasets.Select(d => new
            {
                name = d.Name,
                context = d.Context,
                fingerprint = d.Fingerprint,
                source_type = d.SourceType,
                source = d.Source,
                status = Lower(d.Check),
                current_fingerprint = d.CurrentFingerprint,
            }),
            code = new
            {
                known = report.Code.Known,
                git_commit = report.Code.GitCommit,
                git_repository = report.Code.GitRepository,
                git_branch = report.Code.GitBranch,
            },
            warnings = report.Warnings,
        };
    }

    private static void Write(IAnsiConsole console, ModelLineageReport report)
    {
        var version = report.Version;
        var aliases = version.Aliases.Count > 0 ? $" @{string.Join(", @", version.Aliases)}" : string.Empty;
        var tree = new Tree($"[bold]{Markup.Escape($"{version.Name}/{version.Version}{aliases}")}[/]  registered {ModelViews.Time(version.CreationTime)} by {Markup.Escape(version.UserId)}");

        var package = report.Package;
        var packageNode = tree.AddNode($"package  {CheckMarkup(package.Check)}  {Markup.Escape(version.Source)}");
        packageNode.AddNode($"sha-256 {package.Sha256 ?? "(not recorded)"}, flavor {Markup.Escape(package.Flavor ?? "-")}");
        if (package.Manifest is { } manifest)
        {
            var manifestNode = packageNode.AddNode(manifest.Verified ? "manifest" : "manifest [yellow](unverified)[/]");
            // With a run, the spec below shows the trainer and hyperparameters; the manifest repeats them only when it disagrees.
            var sameAsRun = report.Spec is { Origin: SpecOrigin.Run } runSpec && runSpec.Trainer == manifest.Trainer
                && Pairs(runSpec.EffectiveHyperparameters) == Pairs(manifest.Hyperparameters);
            if (!sameAsRun)
            {
                manifestNode.AddNode(Markup.Escape($"trainer {manifest.Trainer} ({manifest.Task}, label {manifest.Label})"));
                manifestNode.AddNode(Markup.Escape($"hyperparameters {Pairs(manifest.Hyperparameters)}"));
            }

            manifestNode.AddNode(Markup.Escape($"training data fingerprint {manifest.TrainingDataFingerprint ?? "-"}"));
            if (manifest.Libraries is { } libraries)
            {
                manifestNode.AddNode(Markup.Escape($"libraries gyre {libraries.Gyre}, ML.NET {libraries.MlNet}, {libraries.DotNet}"));
            }
        }

        if (report.Run is { } run)
        {
            var ended = run.EndTime is { } end ? ModelViews.Time(end) : "-";
            var runNode = tree.AddNode($"run [bold]{Markup.Escape(run.RunId)}[/] {Markup.Escape(run.Name)}  {Lower(run.Status)}"
                + (run.LifecycleStage == LifecycleStage.Deleted ? " [yellow](deleted)[/]" : string.Empty));
            runNode.AddNode(Markup.Escape($"experiment {run.ExperimentName ?? "?"} ({run.ExperimentId})"));
            runNode.AddNode(Markup.Escape($"{ModelViews.Time(run.StartTime)} .. {ended} by {run.User}" + (run.Source is null ? string.Empty : $" from {run.Source}")));
        }
        else
        {
            tree.AddNode(version.RunId is { } id ? $"run {Markup.Escape(id.Value)} [yellow](not found)[/]" : "run [yellow](none: registered from a package)[/]");
        }

        // Without a run, the spec is the manifest's, already shown under the package.
        if (report.Spec is { Origin: SpecOrigin.Run } spec)
        {
            var specNode = tree.AddNode("spec");
            specNode.AddNode(Markup.Escape($"trainer {spec.Trainer ?? "-"}, task {spec.Task ?? "-"}, label {spec.Label ?? "-"}"
                + (spec.PositiveClass is null ? string.Empty : $", positive class {spec.PositiveClass}")
                + (spec.Seed is null ? string.Empty : $", seed {spec.Seed}")));
            AddPairs(specNode, "validation", spec.Validation);
            AddPairs(specNode, "featurization", spec.Featurization);
            if (spec.Hyperparameters is not null)
            {
                specNode.AddNode(Markup.Escape($"hyperparameters given: {(spec.Hyperparameters.Count == 0 ? "(defaults)" : Pairs(spec.Hyperparameters))}"));
            }

            AddPairs(specNode, "hyperparameters used", spec.EffectiveHyperparameters);
            AddPairs(specNode, "other", spec.Other);
        }

        if (report.Metrics.Values.Count > 0)
        {
            var metricsNode = tree.AddNode(report.Metrics.Origin == MetricsOrigin.Run ? "metrics" : "metrics (recorded with the package)");
            var values = report.Metrics.Values;
            var plain = values.Where(m => !m.Key.StartsWith("cv_", StringComparison.Ordinal)).Select(m => $"{m.Key} {Consoles.Metric(m.Value)}").ToList();
            var crossValidated = values.Keys
                .Where(k => k.StartsWith("cv_", StringComparison.Ordinal) && k.EndsWith("_mean", StringComparison.Ordinal))
                .Select(k => (Name: k[3..^5], Mean: values[k], Std: values.TryGetValue(k[..^5] + "_std", out var std) ? std : (double?)null))
                .Select(m => $"{m.Name} {Consoles.Metric(m.Mean)}" + (m.Std is { } sd ? $" ± {Consoles.Metric(sd)}" : string.Empty))
                .ToList();
            if (plain.Count > 0)
            {
                metricsNode.AddNode(Markup.Escape(string.Join(", ", plain)));
            }

            if (crossValidated.Count > 0)
            {
                metricsNode.AddNode(Markup.Escape("cross-validation: " + string.Join(", ", crossValidated)));
            }
        }

        if (report.Run is not null)
        {
            var dataNode = tree.AddNode("datasets");
            foreach (var dataset in report.Datasets)
            {
                var node = dataNode.AddNode($"{Markup.Escape(dataset.Context ?? "input")}  {DatasetMarkup(dataset.Check)}  {Markup.Escape(dataset.Source)}");
                node.AddNode($"fingerprint {Markup.Escape(dataset.Fingerprint)}");
                if (dataset.Check == DatasetCheck.Changed)
                {
                    node.AddNode($"[red]now[/] {Markup.Escape(dataset.CurrentFingerprint ?? "-")}");
                }
            }

            if (report.Datasets.Count == 0)
            {
                dataNode.AddNode("(none recorded)");
            }

            var code = report.Code;
            tree.AddNode(code.Known
                ? Markup.Escape($"code  git commit {code.GitCommit}" + (code.GitBranch is null ? string.Empty : $" on {code.GitBranch}") + (code.GitRepository is null ? string.Empty : $" of {code.GitRepository}"))
                : "code  [yellow]git commit unknown[/]");
        }

        console.Write(tree);
        foreach (var warning in report.Warnings)
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        }
    }

    private static void AddPairs(TreeNode parent, string title, IReadOnlyDictionary<string, string> pairs)
    {
        if (pairs.Count > 0)
        {
            parent.AddNode(Markup.Escape($"{title}: {Pairs(pairs)}"));
        }
    }

    private static string Pairs(IReadOnlyDictionary<string, string> pairs) =>
        string.Join(", ", pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static string CheckMarkup(PackageCheck check) => check switch
    {
        PackageCheck.Verified => "[green]verified[/]",
        PackageCheck.Unrecorded => "[yellow]no recorded checksum[/]",
        PackageCheck.Missing => "[red]missing[/]",
        _ => "[red]tampered[/]",
    };

    private static string DatasetMarkup(DatasetCheck check) => check switch
    {
        DatasetCheck.Matches => "[green]matches[/]",
        DatasetCheck.Changed => "[red]changed[/]",
        DatasetCheck.Missing => "[red]missing[/]",
        _ => "unchecked",
    };

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
