using Gyre.Core;
using Gyre.Pipelines.Tuning;
using Gyre.Tuning.Samplers;
using Gyre.Tuning.Samplers.Tpe;

namespace Gyre.Cli.Tests.Tune;

/// <summary>Spec sampler names to samplers: which TPE options each name means, and the error for an unknown one.</summary>
public sealed class TuneSamplerFactoryTests
{
    [Theory]
    [InlineData("tpe", 4, false)]
    [InlineData("TPE", 4, false)]
    [InlineData("tpe_classic", 0, false)]
    [InlineData("tpe_classic", 0, true)]
    [InlineData("tpe", 4, true)]
    public void Tpe_Names_SetNearBestCandidates_AndConstantLiarWhenParallel(string name, int nearBest, bool parallel)
    {
        var sampler = Assert.IsType<TpeSampler>(TuneSamplerFactory.Create(name, 7, parallel));

        Assert.Equal(nearBest, sampler.Options.NearBestCandidates);
        Assert.Equal(parallel, sampler.Options.ConstantLiar);
        Assert.Equal(7UL, sampler.Options.Seed);
    }

    [Fact]
    public void Random_IsTheRandomSampler() => Assert.IsType<RandomSampler>(TuneSamplerFactory.Create("random", 1, false));

    [Fact]
    public void Unknown_ListsTheValidNames()
    {
        var ex = Assert.Throws<GyreException>(() => TuneSamplerFactory.Create("cmaes", 1, false));
        Assert.Contains("'cmaes'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tpe, tpe_classic, random", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_AcceptsTpeClassic()
    {
        const string spec = "data: a.csv\nlabel: y\ntask: binary\ntrainer: fastforest\nsampler: tpe_classic\nsearch_space:\n  num_trees: {type: int, low: 5, high: 10}\n";
        Assert.Equal(TuneSamplerFactory.TpeClassic, TuneSpecYaml.Parse(spec, "/specs/t.yaml").Sampler);
    }
}
