namespace Gyre.Monitoring.Fairness;

/// <summary>
/// Fairness of binary decisions across the groups of one protected attribute, with fairlearn's definitions:
/// demographic parity difference = max − min selection rate; ratio = min / max (1 when max = 0);
/// equal opportunity difference = max − min true positive rate; equalized odds difference = the larger of
/// the TPR and FPR differences. Label-based figures are null when no group has labels of the needed class.
/// </summary>
public sealed record FairnessResult(
    string Attribute,
    string PositiveClass,
    IReadOnlyList<GroupRates> Groups,
    double DemographicParityDifference,
    double DemographicParityRatio,
    double? EqualOpportunityDifference,
    double? EqualizedOddsDifference);
