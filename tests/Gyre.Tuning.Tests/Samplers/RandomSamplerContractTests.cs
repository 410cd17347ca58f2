using Gyre.Tuning.Samplers;

namespace Gyre.Tuning.Tests.Samplers;

public sealed class RandomSamplerContractTests : SamplerContractTests
{
    protected override ISampler CreateSampler(ulong seed) => new RandomSampler(seed);
}
