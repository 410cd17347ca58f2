namespace Gyre.Pipelines.Registry;

/// <summary>A stage of gathering promotion evidence and how far along (0..1) the whole gathering is.</summary>
public sealed record ModelPromotionProgress(string Stage, double Fraction);
