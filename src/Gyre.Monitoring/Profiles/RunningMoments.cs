using System.Text.Json.Serialization;
using Gyre.Core;

namespace Gyre.Monitoring.Profiles;

/// <summary>
/// Count, mean, sum of squared deviations (m2), min and max of a stream of numbers: Welford's update per
/// value and Chan et al.'s parallel formula m2 = m2_a + m2_b + δ²·n_a·n_b/n to merge, so merged moments
/// equal one-pass moments of the concatenation up to rounding (≈ 1e-15 relative for well-scaled data).
/// Exact size (5 numbers). NaN and ±∞ are ignored (missing). Not thread-safe.
/// </summary>
public sealed class RunningMoments
{
    /// <summary>Values added.</summary>
    public long Count { get; private set; }

    /// <summary>Mean; NaN when empty.</summary>
    public double Mean { get; private set; } = double.NaN;

    /// <summary>Sum of squared deviations from the mean (0 when empty).</summary>
    public double M2 { get; private set; }

    /// <summary>Smallest value; NaN when empty.</summary>
    public double Min { get; private set; } = double.NaN;

    /// <summary>Largest value; NaN when empty.</summary>
    public double Max { get; private set; } = double.NaN;

    /// <summary>Adds one value; NaN and ±∞ are ignored.</summary>
    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        Count++;
        if (Count == 1)
        {
            Mean = value;
            Min = value;
            Max = value;
            return;
        }

        var delta = value - Mean;
        Mean += delta / Count;
        M2 += delta * (value - Mean);
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }

    /// <summary>Merges <paramref name="other"/> into this (parallel formula); <paramref name="other"/> is not changed.</summary>
    public void Merge(RunningMoments other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            (Count, Mean, M2, Min, Max) = (other.Count, other.Mean, other.M2, other.Min, other.Max);
            return;
        }

        var count = Count + other.Count;
        var delta = other.Mean - Mean;
        Mean += delta * other.Count / count;
        M2 += other.M2 + (delta * delta * Count * other.Count / count);
        Count = count;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>Variance m2/(n − ddof): ddof 0 = population, 1 = sample; NaN when n ≤ ddof.</summary>
    /// <exception cref="GyreException">InvalidInput when <paramref name="ddof"/> is not 0 or 1.</exception>
    public double Variance(int ddof = 0)
    {
        if (ddof is not (0 or 1))
        {
            throw GyreException.InvalidInput($"Variance ddof must be 0 or 1 (got {ddof}).");
        }

        return Count <= ddof ? double.NaN : M2 / (Count - ddof);
    }

    /// <summary>Square root of <see cref="Variance"/>.</summary>
    public double StandardDeviation(int ddof = 0) => Math.Sqrt(Variance(ddof));

    /// <summary>A copy.</summary>
    public RunningMoments Copy() => new() { Count = Count, Mean = Mean, M2 = M2, Min = Min, Max = Max };

    /// <summary>Serializes to JSON.</summary>
    public string ToJson() => SketchJson.Serialize(ToState());

    /// <summary>Reads moments written by <see cref="ToJson"/>.</summary>
    /// <exception cref="GyreException">InvalidInput naming <paramref name="source"/> when the JSON is malformed or inconsistent.</exception>
    public static RunningMoments FromJson(string json, string source = "moments JSON") =>
        FromState(SketchJson.Deserialize<MomentsState>(json, source), source);

    internal MomentsState ToState() =>
        Count == 0 ? new MomentsState(0, null, 0, null, null) : new MomentsState(Count, Mean, M2, Min, Max);

    internal static RunningMoments FromState(MomentsState state, string source)
    {
        if (state.Count < 0 || state.M2 < 0 || double.IsNaN(state.M2)
            || (state.Count > 0 && (state.Mean is not { } mean || !double.IsFinite(mean) || state.Min is null || state.Max is null)))
        {
            throw GyreException.InvalidInput($"Profile JSON in {source}: moments are inconsistent (count {state.Count}).");
        }

        return state.Count == 0
            ? new RunningMoments()
            : new RunningMoments { Count = state.Count, Mean = state.Mean!.Value, M2 = state.M2, Min = state.Min!.Value, Max = state.Max!.Value };
    }
}

/// <summary>JSON form of <see cref="RunningMoments"/>.</summary>
internal sealed record MomentsState(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("mean")] double? Mean,
    [property: JsonPropertyName("m2")] double M2,
    [property: JsonPropertyName("min")] double? Min,
    [property: JsonPropertyName("max")] double? Max);
