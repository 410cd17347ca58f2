using Gyre.Tuning.Pruners;
using Gyre.Tuning.Samplers;

namespace Gyre.Tuning.Tests.Samplers;

public sealed class GridSamplerTests
{
    private static readonly Dictionary<string, IReadOnlyList<object?>> Space = new()
    {
        ["x"] = [0.5, 1.0, 2.0],
        ["n"] = [3L, 7L],
        ["c"] = ["a", "b"],
    };

    private static async Task<Study> RunAsync(ulong seed, int? trials = 100)
    {
        var study = await Study.CreateAsync("g", sampler: new GridSampler(Space, seed), pruner: new NopPruner(), cancellationToken: TestContext.Current.CancellationToken);
        study.Optimize(t => t.SuggestFloat("x", 0, 5) + t.SuggestInt("n", 0, 10) + (t.SuggestCategorical("c", ["a", "b"]) is "a" ? 0 : 1), trials, cancellationToken: TestContext.Current.CancellationToken);
        return study;
    }

    private static IEnumerable<string> Points(Study s) =>
        s.Trials.Select(t => $"{t.Params["x"]}|{t.Params["n"]}|{t.Params["c"]}");

    [Fact]
    public async Task Optimize_MoreTrialsThanGrid_VisitsEachPointOnceThenStops()
    {
        var study = await RunAsync(1);
        Assert.Equal(12, study.Trials.Count);
        Assert.Equal(12, Points(study).Distinct().Count());
    }

    [Fact]
    public async Task Optimize_SameSeed_SameOrder() =>
        Assert.Equal(Points(await RunAsync(3)), Points(await RunAsync(3)));

    [Fact]
    public async Task Optimize_DifferentSeeds_DifferentOrder() =>
        Assert.NotEqual(Points(await RunAsync(3)), Points(await RunAsync(4)));

    [Fact]
    public async Task SuggestFloat_ParameterNotInGrid_FailsTrial()
    {
        var study = await Study.CreateAsync("g", sampler: new GridSampler(Space), cancellationToken: TestContext.Current.CancellationToken);
        study.Optimize(t => t.SuggestFloat("other", 0, 1), 1, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("other", study.Trials[0].ErrorMessage, StringComparison.Ordinal);
    }
}
