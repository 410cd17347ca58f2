using Gyre.Data.Files;
using Gyre.Data.Schema;
using Gyre.Data.Synthetic;

namespace Gyre.Cli.Demo;

/// <summary>
/// Everything `gyre demo` works from, in <c>&lt;workspace&gt;/demo</c>: the training data, the traffic (as trained, and
/// with concept drift), the fresh labelled data and recent data the retraining uses, the schema fresh data must
/// meet, the alert rule that watches production, the promotion policy and the retraining pipeline. Deterministic for
/// a seed. The texts are plain files the user can read and reuse.
/// </summary>
public sealed record DemoFiles(string Folder, string Training, string NormalTraffic, string DriftTraffic, string Fresh, string Recent, string Schema, string Rules, string Policy, string Pipeline)
{
    public const string AlertRule = "fraud-auc-drop";
    public const double AlertThreshold = 0.75;

    public static async Task<DemoFiles> WriteAsync(string folder, string modelName, long rows, int seed, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var files = new DemoFiles(
            folder, Path.Combine(folder, "fraud.csv"), Path.Combine(folder, "traffic-normal.csv"), Path.Combine(folder, "traffic-drift.csv"),
            Path.Combine(folder, "fresh.csv"), Path.Combine(folder, "recent.csv"), Path.Combine(folder, "schema.json"),
            Path.Combine(folder, "alerts.yaml"), Path.Combine(folder, "policy.yaml"), Path.Combine(folder, "retrain.yaml"));
        var (trafficRows, freshRows, recentRows) = Sizes(rows);
        await FraudTransactionGenerator.WriteCsvAsync(files.Training, rows, seed, FraudDrift.None, ct);
        await FraudTransactionGenerator.WriteCsvAsync(files.NormalTraffic, trafficRows, seed + 1, FraudDrift.None, ct);
        await FraudTransactionGenerator.WriteCsvAsync(files.DriftTraffic, trafficRows * 4, seed + 2, FraudDrift.Concept, ct);
        await FraudTransactionGenerator.WriteCsvAsync(files.Fresh, freshRows, seed + 3, FraudDrift.Concept, ct);
        await FraudTransactionGenerator.WriteCsvAsync(files.Recent, recentRows, seed + 4, FraudDrift.Concept, ct);
        await DatasetSchemaJson.SaveAsync(await SchemaInferrer.InferAsync(files.Training, new SchemaInferenceOptions(), null, ct), files.Schema, ct);
        await AtomicFile.WriteAllTextAsync(files.Rules, RulesText, ct);
        await AtomicFile.WriteAllTextAsync(files.Policy, PolicyText, ct);
        await AtomicFile.WriteAllTextAsync(files.Pipeline, PipelineText(modelName), ct);
        return files;
    }

    /// <summary>Traffic rows per phase, fresh labelled rows to retrain on and recent rows to gate on, for a training set of <paramref name="rows"/>.</summary>
    public static (int Traffic, long Fresh, long Recent) Sizes(long rows) => ((int)Math.Clamp(rows / 10, 1_000, 3_000), Math.Max(rows * 2 / 3, 2_000), Math.Max(rows / 6, 1_000));

    private const string RulesText = """
        # Production monitoring for the demo: `gyre serve --monitor-interval 2s --monitor-window 20s --alert-rules alerts.yaml`
        # evaluates this on the served model's inference log joined with the labels fed back (docs/monitoring.md).
        rules:
          - name: fraud-auc-drop
            description: ROC AUC on labelled production traffic fell below 0.75
            metric: performance
            labels: {metric: roc_auc}
            op: "<"
            threshold: 0.75
            for: 4s                  # held over two evaluations, so one noisy window does not fire it
            severity: critical
        """;

    private const string PolicyText = """
        # The promotion gate (docs/registry.md): both versions are scored on the same recent labelled rows.
        primary_metric: roc_auc
        min_improvement: 0.02          # the challenger must be better by at least this much
        require_significant: true      # ... and the paired bootstrap interval of the gain must be above it
        max_regression:
          log_loss: 0.05
        """;

    private static string PipelineText(string modelName) => $$"""
        # The closed loop (docs/pipelines.md): when monitoring fires the AUC alert, retrain on fresh labelled data,
        # register a challenger, gate it against the champion on recent data and promote it; serving follows the alias.
        name: {{modelName}}-retrain
        description: Retrain {{modelName}} when production ROC AUC drops, and promote the challenger if it is better.
        concurrency: 1
        params:
          fresh: fresh.csv
          recent: recent.csv
        triggers:
          - alert: {{AlertRule}}
        steps:
          validate:
            kind: data.validate
            with: { data: "${params.fresh}", schema: schema.json }
          train:
            kind: train
            needs: validate
            with: { data: "${params.fresh}", label: is_fraud, trainer: lightgbm, folds: "0", experiment: demo }
          register:
            kind: register
            with: { name: {{modelName}}, run: "${steps.train.outputs.run_id}", alias: challenger }
          promote:
            kind: promote
            needs: register
            with: { name: {{modelName}}, challenger: challenger, policy: policy.yaml, eval: "${params.recent}" }
          report:
            kind: monitor.report
            with: { model: "${steps.train.outputs.model}", current: "${params.recent}", html: challenger-on-recent.html }
        """;
}
