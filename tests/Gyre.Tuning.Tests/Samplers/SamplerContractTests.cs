using Gyre.Tuning.Samplers;

namespace Gyre.Tuning.Tests.Samplers;

/// <summary>Contract every sampler must satisfy; subclasses supply the sampler.</summary>
public abstract class SamplerContractTests
{
    protected abstract ISampler CreateSampler(ulong seed);

    private async Task<Study> RunAsync(ulong seed, Func<Trial, double> objective, int trials = 200)
    {
        var study = await Study.CreateAsync("contract", sampler: CreateSampler(seed), cancellationToken: TestContext.Current.CancellationToken);
        study.Optimize(objective, trials, cancellationToken: TestContext.Current.CancellationToken);
        return study;
    }

    [Fact]
    public async Task SuggestFloat_Bounds_Honoured()
    {
        var study = await RunAsync(1, t => t.SuggestFloat("x", -2, 3));
        Assert.All(study.Trials, t => Assert.InRange((double)t.Params["x"]!, -2, 3));
    }

    [Fact]
    public async Task SuggestFloat_Log_SamplesOnLogScale()
    {
        // The optimum 10^-3.5 lies in the lowest of four decades. Sampling on a log scale reaches
        // below 1e-3 often (random: a quarter of the time; a model-based sampler: more); a linear
        // scale would put about 0.1% of the values there.
        var study = await RunAsync(2, t => Math.Abs(Math.Log10(t.SuggestFloat("x", 1e-4, 1, log: true)) + 3.5), 400);
        var xs = study.Trials.Select(t => (double)t.Params["x"]!).ToList();
        Assert.All(xs, x => Assert.InRange(x, 1e-4, 1));
        Assert.True(xs.Count(x => x < 1e-3) >= 0.15 * xs.Count, $"{xs.Count(x => x < 1e-3)} of {xs.Count} below 1e-3");
    }

    [Fact]
    public async Task SuggestFloat_Step_ValuesOnGrid()
    {
        var study = await RunAsync(3, t => t.SuggestFloat("x", 0.5, 2.0, step: 0.25));
        Assert.All(study.Trials, t =>
        {
            var k = ((double)t.Params["x"]! - 0.5) / 0.25;
            Assert.Equal(Math.Round(k), k, 9);
        });
    }

    [Fact]
    public async Task SuggestInt_StepAndBounds_Honoured()
    {
        var study = await RunAsync(4, t => t.SuggestInt("n", 3, 15, step: 3));
        var ns = study.Trials.Select(t => (long)t.Params["n"]!).ToList();
        Assert.All(ns, n => Assert.Contains(n, new long[] { 3, 6, 9, 12, 15 }));
        Assert.Equal(5, ns.Distinct().Count());
    }

    [Fact]
    public async Task SuggestCategorical_Choices_AllReachedAndOnlyThose()
    {
        object?[] choices = ["a", 1L, null];
        var study = await RunAsync(5, t => t.SuggestCategorical("c", choices) is null ? 0 : 1);
        var seen = study.Trials.Select(t => t.Params["c"]).ToList();
        Assert.All(seen, v => Assert.Contains(v, choices));
        Assert.Equal(3, seen.Distinct().Count());
    }

    [Fact]
    public async Task Optimize_SameSeed_SameSequence()
    {
        static double F(Trial t) => t.SuggestFloat("x", 0, 1) + t.SuggestInt("y", 0, 9);
        var a = await RunAsync(7, F, 30);
        var b = await RunAsync(7, F, 30);
        Assert.Equal(a.Trials.Select(t => t.Value), b.Trials.Select(t => t.Value));
    }

    [Fact]
    public async Task Optimize_DifferentSeeds_DifferentSequence()
    {
        static double F(Trial t) => t.SuggestFloat("x", 0, 1);
        var a = await RunAsync(7, F, 30);
        var b = await RunAsync(8, F, 30);
        Assert.NotEqual(a.Trials.Select(t => t.Value), b.Trials.Select(t => t.Value));
    }

    [Fact]
    public async Task SharedStudy_TwoProcessesWithOneSeed_ProposeDifferentPoints()
    {
        // Two Study objects on one storage stand for two `gyre tune` processes started with the same seed.
        var storage = new InMemoryStudyStorage();
        var ct = TestContext.Current.CancellationToken;
        var first = await Study.CreateAsync("shared", StudyDirection.Minimize, CreateSampler(5), null, storage, ct);
        var second = await Study.CreateAsync("shared", StudyDirection.Minimize, CreateSampler(5), null, storage, ct);
        var xs = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            var study = i % 2 == 0 ? first : second;
            var trial = study.Ask();
            xs.Add(trial.SuggestFloat("x", 0, 1));
            study.Tell(trial, xs[^1]);
        }

        Assert.Equal(xs.Count, xs.Distinct().Count());
    }

    [Fact]
    public async Task Optimize_Quadratic_FindsNearOptimum()
    {
        var study = await RunAsync(9, t => { var x = t.SuggestFloat("x", -10, 10); return (x - 2) * (x - 2); });
        Assert.True(study.BestValue < 0.5, $"best {study.BestValue}");
    }
}
