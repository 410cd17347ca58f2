using Gyre.Tuning.Samplers;

namespace Gyre.Tuning.Tests.Samplers;

public sealed class RandomSamplerContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(ulong seed) => new RandomSampler(seed);

    [Fact]
    public async Task SuggestFloat_Log_IsLogUniform()
    {
        var study = await Study.CreateAsync("log", sampler: new RandomSampler(2), cancellationToken: TestContext.Current.CancellationToken);
        study.Optimize(t => t.SuggestFloat("x", 1e-4, 1, log: true), 400, cancellationToken: TestContext.Current.CancellationToken);
        var xs = study.Trials.Select(t => (double)t.Params["x"]!).ToList();
        // Log-uniform over four decades: about a quarter in each.
        Assert.InRange(xs.Count(x => x < 1e-3) / (double)xs.Count, 0.18, 0.32);
        Assert.InRange(xs.Count(x => x > 0.1) / (double)xs.Count, 0.18, 0.32);
    }
}
