namespace Gyre.Training.Packaging;

/// <summary>One field of a package's per-row output (see <see cref="Scoring.RowPrediction"/>).</summary>
public sealed record OutputField(string Name, string Type, string Description);
