namespace Gyre.Tuning.Analysis;

/// <summary>How <see cref="ImportanceEvaluator"/> turns its random forest into parameter importances.</summary>
public enum ImportanceMethod
{
    /// <summary>
    /// fANOVA (Optuna's default, <c>FanovaImportanceEvaluator</c>): per tree, the variance of the prediction marginalised
    /// over every other parameter, as a share of the tree's total variance over the search space; averaged over trees.
    /// </summary>
    Fanova,

    /// <summary>Mean decrease in impurity (Optuna's <c>MeanDecreaseImpurityImportanceEvaluator</c>, scikit-learn's feature_importances_).</summary>
    MeanDecreaseImpurity,
}
