using Gyre.Tuning.Samplers;
using Gyre.Tuning.Samplers.Tpe;

namespace Gyre.Tuning.Tests.Samplers.Tpe;

public sealed class TpeSamplerContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(ulong seed) => new TpeSampler(new TpeOptions { Seed = seed });
}

public sealed class MultivariateTpeSamplerContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(ulong seed) =>
        new TpeSampler(new TpeOptions { Seed = seed, Multivariate = true, ConstantLiar = true });
}
