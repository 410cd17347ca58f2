namespace Gyre.Data.Synthetic;

/// <summary>How generated card transactions differ from the reference distribution.</summary>
public enum FraudDrift
{
    /// <summary>The reference distribution.</summary>
    None,

    /// <summary>
    /// Feature distributions shift (larger amounts, more online and night-time activity, more foreign
    /// transactions, a different merchant mix); the labelling rule P(fraud | features) is unchanged.
    /// </summary>
    Covariate,

    /// <summary>
    /// Feature distributions are those of <see cref="None"/>, but a different rule labels fraud: card-present
    /// skimming, scams on older customers and high-utilisation cash-outs instead of night-time online spikes.
    /// </summary>
    Concept,
}
