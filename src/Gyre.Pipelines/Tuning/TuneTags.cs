namespace Gyre.Pipelines.Tuning;

/// <summary>Tags of a study's runs: the study run (parent) and each trial's run (child, MLflow's nesting tag).</summary>
public static class TuneTags
{
    /// <summary>MLflow's tag naming a nested run's parent; MLflow's UI shows trials under the study.</summary>
    public const string ParentRunId = "mlflow.parentRunId";

    public const string Study = "gyre.study";
    public const string Sampler = "gyre.sampler";
    public const string Pruner = "gyre.pruner";

    /// <summary>"study" on the parent, "trial" on each trial, "best" on the best configuration's packaged training.</summary>
    public const string Role = "gyre.tune.role";

    /// <summary>The trial number (on trial runs and on the best training).</summary>
    public const string Trial = "gyre.trial";

    /// <summary>A finished trial's state: complete, pruned or fail (pruned trials' runs end KILLED, failed ones FAILED).</summary>
    public const string TrialState = "gyre.trial.state";

    /// <summary>The trial user attribute holding the trial's run id.</summary>
    public const string RunIdAttr = "run_id";
}
