using Gyre.Tuning.Samplers;
using Gyre.Tuning.Samplers.Tpe;

namespace Gyre.Tuning.Tests.Samplers.Tpe;

public sealed class TpeSamplerContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(ulong seed) => new TpeSampler(new TpeOptions { Seed = seed });
}

/// <summary>Optuna 3.1's algorithm: candidates from the good density only.</summary>
public sealed class ClassicTpeSamplerContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(ulong seed) => new TpeSampler(new TpeOptions { Seed = seed, NearBestCandidates = 0 });
}

public sealed class MultivariateTpeSamplerContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(ulong seed) =>
        new TpeSampler(new TpeOptions { Seed = seed, Multivariate = true, ConstantLiar = true });
}
