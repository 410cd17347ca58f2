namespace Gyre.Pipelines.Definitions;

/// <summary>The step kinds a pipeline may use (issue 9): Gyre's jobs, plus <c>shell</c> for anything else.</summary>
public static class StepKinds
{
    public static IReadOnlyList<StepKind> All { get; } =
    [
        new("data.validate", "check a data file against a schema (or infer one)", ["data"], ["schema", "report"], ["report", "valid"], true),
        new("train", "train and track a model (a training spec, or data and label)", [], ["spec", "data", "label", "task", "trainer", "experiment", "folds"], ["run_id", "model"], true),
        new("tune", "tune hyperparameters from a tuning spec", ["spec"], ["trials", "workers", "study"], ["study", "run_id", "model"], true),
        new("evaluate", "score a model on labelled data and compute its metrics", ["model", "data"], ["label"], ["metrics"], true),
        new("register", "register a run's model (or a package) as the next version", ["name"], ["run", "package", "alias"], ["version", "reference"], false),
        new("promote", "gate a challenger against the champion with a policy", ["name", "policy", "eval"], ["challenger", "to", "required"], ["promoted", "champion"], false),
        new("export", "export a model to ONNX, checked against ML.NET", ["model", "out", "data"], [], ["onnx", "max_abs_difference"], false),
        new("deploy", "write container or Kubernetes files for a model", ["model", "target", "out"], ["force"], ["path"], false),
        new("monitor.report", "compare production data with the model's reference", ["model", "current"], ["reference", "html", "drift_share"], ["report", "drifted"], true),
        new("shell", "run a command", ["run"], ["cwd"], ["exit_code", "stdout"], false),
    ];

    /// <summary>The kind named <paramref name="name"/> (exact), or null.</summary>
    public static StepKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);
}
