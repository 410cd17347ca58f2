namespace Gyre.Tracking.Tests;

/// <summary>Compares runs by value, list contents included (records compare lists by reference).</summary>
public sealed class RunComparer : IEqualityComparer<Run>
{
    public static readonly RunComparer Instance = new();

    public bool Equals(Run? x, Run? y) =>
        x is not null && y is not null
        && x.Info == y.Info
        && x.Data.Metrics.SequenceEqual(y.Data.Metrics)
        && x.Data.Params.SequenceEqual(y.Data.Params)
        && x.Data.Tags.SequenceEqual(y.Data.Tags)
        && x.Inputs.Count == y.Inputs.Count
        && x.Inputs.Zip(y.Inputs).All(pair => pair.First with { Tags = null } == pair.Second with { Tags = null }
            && (pair.First.Tags ?? []).SequenceEqual(pair.Second.Tags ?? []));

    public int GetHashCode(Run obj) => obj?.Info.GetHashCode() ?? 0;
}
