using Gyre.Tuning;
using Gyre.Tuning.Distributions;

namespace Gyre.Tracking.Tests.Studies;

/// <summary>Structural comparison of <see cref="FrozenTrial"/>s (records compare dictionaries by reference).</summary>
internal static class TrialAssert
{
    public static void Equal(IReadOnlyList<FrozenTrial> expected, IReadOnlyList<FrozenTrial> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Equal(expected[i], actual[i]);
        }
    }

    public static void Equal(FrozenTrial expected, FrozenTrial actual)
    {
        Assert.Equal(
            (expected.Number, expected.State, expected.Value, expected.ErrorMessage, expected.StartedAt, expected.CompletedAt),
            (actual.Number, actual.State, actual.Value, actual.ErrorMessage, actual.StartedAt, actual.CompletedAt));
        Assert.Equal(Sorted(expected.Params), Sorted(actual.Params));
        Assert.Equal(expected.Distributions.Keys.Order(), actual.Distributions.Keys.Order());
        foreach (var (name, distribution) in expected.Distributions)
        {
            SameDistribution(distribution, actual.Distributions[name]);
        }

        Assert.Equal(expected.IntermediateValues.OrderBy(p => p.Key), actual.IntermediateValues.OrderBy(p => p.Key));
        Assert.Equal(expected.UserAttrs.OrderBy(p => p.Key), actual.UserAttrs.OrderBy(p => p.Key));
        Assert.Equal(expected.SystemAttrs.OrderBy(p => p.Key), actual.SystemAttrs.OrderBy(p => p.Key));
    }

    /// <summary>Same type and fields; categorical choices compared element-wise with their types.</summary>
    public static void SameDistribution(ParameterDistribution expected, ParameterDistribution actual)
    {
        if (expected is CategoricalDistribution c)
        {
            var other = Assert.IsType<CategoricalDistribution>(actual);
            Assert.Equal(c.Choices.Select(Typed), other.Choices.Select(Typed));
        }
        else
        {
            Assert.Equal(expected, actual);
        }
    }

    private static List<(string, string?)> Sorted(IReadOnlyDictionary<string, object?> values) =>
        [.. values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, Typed(p.Value)))];

    private static string? Typed(object? value) => value is null ? null : $"{value.GetType().Name}:{Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}";
}
