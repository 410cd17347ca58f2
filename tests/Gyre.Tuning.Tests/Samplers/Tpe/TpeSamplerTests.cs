using Gyre.Core;
using Gyre.Tuning.Distributions;
using Gyre.Tuning.Samplers;
using Gyre.Tuning.Samplers.Tpe;

namespace Gyre.Tuning.Tests.Samplers.Tpe;

public sealed class TpeSamplerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Branin (minimum 0.397887) on its usual domain.</summary>
    private static double Branin(Trial t)
    {
        var x = t.SuggestFloat("x", -5, 10);
        var y = t.SuggestFloat("y", 0, 15);
        var b = 5.1 / (4 * Math.PI * Math.PI);
        var c = 5 / Math.PI;
        return Math.Pow(y - b * x * x + c * x - 6, 2) + 10 * (1 - 1 / (8 * Math.PI)) * Math.Cos(x) + 10;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Branin_TpeFindsBetterValuesThanRandomSearch(bool multivariate)
    {
        var tpe = new List<double>();
        var random = new List<double>();
        for (ulong seed = 1; seed <= 5; seed++)
        {
            tpe.Add(await BestAsync(new TpeSampler(new TpeOptions { Seed = seed, Multivariate = multivariate }), Branin, 60));
            random.Add(await BestAsync(new RandomSampler(seed), Branin, 60));
        }
        Assert.True(Median(tpe) < Median(random), $"TPE median {Median(tpe)}, random median {Median(random)}");
        Assert.True(Median(tpe) < 1.0, $"TPE median {Median(tpe)}");
    }

    [Fact]
    public async Task Multivariate_SamplesTheSharedSpaceJointly_AndRecordsItForOtherWorkers()
    {
        var sampler = new TpeSampler(new TpeOptions { Seed = 3, Multivariate = true, NStartupTrials = 4 });
        var study = await Study.CreateAsync("mv", sampler: sampler, cancellationToken: Token);
        study.Optimize(t =>
        {
            var x = t.SuggestFloat("x", 0, 1);
            // "extra" is conditional: only half the trials have it, so it stays out of the joint space.
            return x > 0.5 ? x + t.SuggestFloat("extra", 0, 1) : x;
        }, 12, cancellationToken: Token);

        var space = sampler.InferRelativeSearchSpace(study, study.Trials, study.Trials[^1]);
        Assert.Equal(["x"], space.Keys);
        var late = study.Trials.Skip(4).ToList();
        Assert.All(late, t => Assert.True(t.SystemAttrs.ContainsKey(Study.RelativeParamsAttr), $"trial {t.Number}"));
        Assert.All(study.Trials.Take(4), t => Assert.False(t.SystemAttrs.ContainsKey(Study.RelativeParamsAttr)));
    }

    [Fact]
    public async Task SameSeedAndHistory_SameSuggestions_AfterStartup()
    {
        async Task<double[]> Run() =>
            [.. (await StudyAsync(new TpeSampler(new TpeOptions { Seed = 11 }), Branin, 25)).Trials.Select(t => t.Value!.Value)];
        Assert.Equal(await Run(), await Run());
    }

    [Fact]
    public void InvalidOptions_NameTheSetting()
    {
        var ex = Assert.Throws<GyreException>(() => new TpeSampler(new TpeOptions { NEiCandidates = 0 }));
        Assert.Contains("n_ei_candidates", ex.Message);
        ex = Assert.Throws<GyreException>(() => new TpeSampler(new TpeOptions { NStartupTrials = -1 }));
        Assert.Contains("n_startup_trials", ex.Message);
    }

    [Fact]
    public void ObservationWeights_RampTheOldestBeyond25()
    {
        Assert.Equal(Enumerable.Repeat(1.0, 24), TpeOptions.ObservationWeights(24));
        var w = TpeOptions.ObservationWeights(30); // numpy: linspace(1/30, 1, 5) then 25 ones
        Assert.Equal([1 / 30.0, 0.275, 0.5166666666666667, 0.7583333333333333, 1.0], w.Take(5).Select(v => Math.Round(v, 15)).ToArray(), new Tolerance());
        Assert.All(w.Skip(5), v => Assert.Equal(1.0, v));
    }

    [Fact]
    public void Gamma_IsOptunasDefault()
    {
        int[] n = [0, 1, 10, 11, 100, 250, 1000];
        Assert.Equal([0, 1, 1, 2, 10, 25, 25], n.Select(TpeOptions.DefaultGamma));
    }

    [Fact]
    public async Task SingleValuedDistribution_IsReturnedAsIs()
    {
        var study = await StudyAsync(new TpeSampler(new TpeOptions { Seed = 1, NStartupTrials = 0 }),
            t => t.SuggestFloat("x", 2, 2) + t.SuggestInt("n", 5, 5), 5);
        Assert.All(study.Trials, t => Assert.Equal(7.0, t.Value));
    }

    private static async Task<Study> StudyAsync(ISampler sampler, Func<Trial, double> objective, int trials)
    {
        var study = await Study.CreateAsync("s", sampler: sampler, cancellationToken: Token);
        study.Optimize(objective, trials, cancellationToken: Token);
        return study;
    }

    private static async Task<double> BestAsync(ISampler sampler, Func<Trial, double> objective, int trials) =>
        (await StudyAsync(sampler, objective, trials)).BestValue;

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private sealed class Tolerance : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-12;
        public int GetHashCode(double obj) => 0;
    }
}
