namespace Gyre.Monitoring.Performance;

/// <summary>The metric names used as keys of performance dictionaries (scikit-learn's names).</summary>
public static class MetricNames
{
    public const string Accuracy = "accuracy";
    public const string Precision = "precision";
    public const string Recall = "recall";
    public const string F1 = "f1";
    public const string Specificity = "specificity";
    public const string RocAuc = "roc_auc";
    public const string LogLoss = "log_loss";
    public const string PositiveRate = "positive_rate";
    public const string MacroF1 = "macro_f1";
    public const string WeightedF1 = "weighted_f1";
    public const string Mae = "mae";
    public const string Rmse = "rmse";
    public const string R2 = "r2";
    public const string Mape = "mape";
}
