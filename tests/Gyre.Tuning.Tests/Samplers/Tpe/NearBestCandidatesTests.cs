using Gyre.Tuning.Distributions;
using Gyre.Tuning.Samplers;
using Gyre.Tuning.Samplers.Tpe;

namespace Gyre.Tuning.Tests.Samplers.Tpe;

/// <summary>
/// <see cref="TpeOptions.NearBestCandidates"/>: where the draws near the best trial land (centre, width,
/// scale, grid, bounds), that the sampler uses them, and that they pay off against Optuna 3.1's algorithm.
/// </summary>
public sealed class NearBestCandidatesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void LogFloat_DrawsAreCentredOnTheBestInLogSpace_WithWidthShareTimesTheLogRange()
    {
        var dimension = Dimension(new FloatDistribution(1e-4, 1, log: true));
        var logs = Draws(dimension, centre: 0.01, widthShare: 0.05, 20_000).Select(v => Math.Log(v)).ToArray();

        Assert.All(logs, v => Assert.InRange(v, Math.Log(1e-4), 0));
        var mean = logs.Average();
        var sd = Math.Sqrt(logs.Sum(v => (v - mean) * (v - mean)) / (logs.Length - 1));
        Assert.Equal(Math.Log(0.01), mean, 0.02);
        Assert.Equal(0.05 * Math.Log(1e4), sd, 0.015); // 0.4605: the width is a share of the log range
    }

    [Fact]
    public void Float_AtTheUpperBound_DrawsStayInside_AndOnTheOneSideOfTheCentre()
    {
        var draws = Draws(Dimension(new FloatDistribution(-5, 10)), centre: 10, widthShare: 0.02, 5_000);
        Assert.All(draws, v => Assert.InRange(v, 8.5, 10.0)); // σ = 0.3: 8.5 is 5σ below
        Assert.True(draws.Average() < 9.9, $"mean {draws.Average()}");
    }

    [Theory]
    [InlineData(1, 5, false, 3)]     // range 5 values: share × range would be 0.005, the floor is one step
    [InlineData(1, 1000, true, 100)] // log int: the floor is the centre's own bin in log space, ln(100.5/99.5)
    public void Int_NarrowWidth_IsFlooredAtTheCentresBin_SoDrawsStillMove(int low, int high, bool log, int centre)
    {
        var draws = Draws(Dimension(new IntDistribution(low, high, log: log)), centre, widthShare: 0.001, 10_000);

        Assert.All(draws, v => Assert.Equal(Math.Round(v), v));
        Assert.All(draws, v => Assert.InRange(v, centre - 6, centre + 6)); // 6 bins: beyond 5σ
        var moved = draws.Count(v => v != centre) / (double)draws.Length;
        Assert.InRange(moved, 0.58, 0.66); // N(0, 1 bin): P(|z| > 1/2) = 0.617
    }

    [Fact]
    public void SteppedFloat_DrawsAreOnTheGrid()
    {
        var draws = Draws(Dimension(new FloatDistribution(0, 1, step: 0.25)), centre: 0.5, widthShare: 0.3, 2_000);
        Assert.All(draws, v => Assert.Contains(v, new[] { 0, 0.25, 0.5, 0.75, 1 }));
        Assert.Equal(5, draws.Distinct().Count());
    }

    [Fact]
    public void Categorical_HasNoNear_SoItsCandidatesKeepTheGoodDensitysDraws()
    {
        var dimension = Dimension(new CategoricalDistribution(["a", "b", "c"]));
        Assert.False(dimension.TrySampleNear(1, 0.1, new SplitMix64(1), out _));
    }

    /// <summary>
    /// A history where the best trial (x = 0.9) is far from the other four good ones (x ≈ 0.1):
    /// with the option, every suggestion lands within 6σ (σ = (1/50 + 0.005) × range) of the best;
    /// Optuna 3.1's algorithm mostly follows the good density's mass near 0.1.
    /// </summary>
    [Fact]
    public async Task Suggestions_AreNearTheBestTrial_WithTheOption_AndFollowTheGoodDensityWithout()
    {
        var near = await SuggestAfterHistoryAsync(new TpeOptions { Seed = 5 });
        var classic = await SuggestAfterHistoryAsync(new TpeOptions { Seed = 5, NearBestCandidates = 0 });

        Assert.All(near, x => Assert.InRange(x, 0.9 - 6 * 0.025, 1.0));
        Assert.True(classic.Count(x => x < 0.3) >= 5, $"classic suggestions: {string.Join(", ", classic)}");
    }

    [Fact]
    public async Task CategoricalOnlySpace_KeepsOptunasDraw()
    {
        var choices = new CategoricalDistribution(["a", "b", "c", "d"]);
        async Task<double[]> Suggest(TpeOptions options)
        {
            var sampler = new TpeSampler(options);
            var study = await Study.CreateAsync("categorical", sampler: sampler, cancellationToken: Token);
            var history = Enumerable.Range(0, 30).Select(i => FrozenTrial.NewRunning(i, DateTimeOffset.UnixEpoch) with
            {
                State = TrialState.Complete,
                Value = i % 4 + i / 100.0,
                Params = new Dictionary<string, object?> { ["c"] = choices.Choices[i % 4] },
                Distributions = new Dictionary<string, ParameterDistribution> { ["c"] = choices },
            }).ToList();
            return [.. Enumerable.Range(30, 20).Select(n => sampler.SampleIndependent(study, history, FrozenTrial.NewRunning(n, DateTimeOffset.UnixEpoch), "c", choices))];
        }

        Assert.Equal(await Suggest(new TpeOptions { Seed = 3, NearBestCandidates = 0 }), await Suggest(new TpeOptions { Seed = 3 }));
    }

    [Fact]
    public void NegativeCount_NamesTheSetting()
    {
        var ex = Assert.Throws<Core.GyreException>(() => new TpeSampler(new TpeOptions { NearBestCandidates = -1 }));
        Assert.Contains("near_best_candidates", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameSeedAndHistory_SameSuggestions()
    {
        Assert.Equal(await SuggestAfterHistoryAsync(new TpeOptions { Seed = 9 }), await SuggestAfterHistoryAsync(new TpeOptions { Seed = 9 }));
        Assert.NotEqual(await SuggestAfterHistoryAsync(new TpeOptions { Seed = 9 }), await SuggestAfterHistoryAsync(new TpeOptions { Seed = 10 }));
    }

    /// <summary>
    /// The reason the option is on by default, in small: on Hartmann6 (100 trials, seeds 0-24) its median best is
    /// below that of Optuna 3.1's algorithm, and it wins more seeds than it loses (bench/tuning measures it
    /// against Optuna itself). The seeds are fixed, so the outcome is deterministic.
    /// </summary>
    [Fact]
    public async Task Hartmann6_BestAfter100Trials_BeatsOptuna31sAlgorithm()
    {
        var near = new List<double>();
        var classic = new List<double>();
        for (ulong seed = 0; seed < 25; seed++)
        {
            near.Add(await BestAsync(new TpeOptions { Seed = seed }));
            classic.Add(await BestAsync(new TpeOptions { Seed = seed, NearBestCandidates = 0 }));
        }
        var (nearMedian, classicMedian) = (near.Order().ElementAt(12), classic.Order().ElementAt(12));
        Assert.True(nearMedian < classicMedian, $"near-best median {nearMedian}, Optuna 3.1 algorithm median {classicMedian}");
        Assert.True(near.Zip(classic).Count(p => p.First < p.Second) > 12, "near-best should win most seeds");

        static async Task<double> BestAsync(TpeOptions options)
        {
            var study = await Study.CreateAsync("hartmann6", sampler: new TpeSampler(options), cancellationToken: Token);
            study.Optimize(t => Hartmann6([.. Enumerable.Range(0, 6).Select(i => t.SuggestFloat($"x{i}", 0, 1))]), 100, cancellationToken: Token);
            return study.BestValue;
        }
    }

    /// <summary>Hartmann6 with the standard α, A and P (minimum −3.32237), as bench/tuning.</summary>
    private static double Hartmann6(double[] x)
    {
        double[] alpha = [1.0, 1.2, 3.0, 3.2];
        double[,] a = { { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 } };
        double[,] p = { { 1312, 1696, 5569, 124, 8283, 5886 }, { 2329, 4135, 8307, 3736, 1004, 9991 }, { 2348, 1451, 3522, 2883, 3047, 6650 }, { 4047, 8828, 8732, 5743, 1091, 381 } };
        var total = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < 6; j++) inner += a[i, j] * Math.Pow(x[j] - p[i, j] * 1e-4, 2);
            total += alpha[i] * Math.Exp(-inner);
        }
        return -total;
    }

    private static ParzenDimension Dimension(ParameterDistribution distribution) =>
        new ParzenEstimator([distribution], [[]], new TpeOptions()).Dimension(0);

    private static double[] Draws(ParzenDimension dimension, double centre, double widthShare, int count)
    {
        var random = new SplitMix64(42);
        var draws = new double[count];
        for (var i = 0; i < count; i++)
        {
            Assert.True(dimension.TrySampleNear(centre, widthShare, random, out draws[i]));
        }
        return draws;
    }

    /// <summary>50 finished trials (best x = 0.9, next four x ≈ 0.1, the rest in [0.3, 0.7]), then 20 suggestions for trials 50-69.</summary>
    private static async Task<double[]> SuggestAfterHistoryAsync(TpeOptions options)
    {
        var sampler = new TpeSampler(options);
        var study = await Study.CreateAsync("history", sampler: sampler, cancellationToken: Token);
        var x = new FloatDistribution(0, 1);
        var history = new List<FrozenTrial>();
        for (var i = 0; i < 50; i++)
        {
            var (value, at) = i switch
            {
                0 => (0.0, 0.9),
                <= 4 => (i, 0.1 + i / 100.0),
                _ => (10.0 + i, 0.3 + 0.4 * (i - 5) / 45.0),
            };
            history.Add(FrozenTrial.NewRunning(i, DateTimeOffset.UnixEpoch) with
            {
                State = TrialState.Complete,
                Value = value,
                Params = new Dictionary<string, object?> { ["x"] = at },
                Distributions = new Dictionary<string, ParameterDistribution> { ["x"] = x },
            });
        }
        return [.. Enumerable.Range(50, 20).Select(n =>
            sampler.SampleIndependent(study, history, FrozenTrial.NewRunning(n, DateTimeOffset.UnixEpoch), "x", x))];
    }
}
