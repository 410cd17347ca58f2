using System.Text;

namespace Gyre.Tuning.Samplers;

/// <summary>
/// Random streams keyed by (sampler seed, trial number, parameter names): a sampler draws the same values for a
/// trial whichever process asks and in whatever order trials are asked, and processes sharing a study with one
/// seed draw different values for different trials (a single shared stream would repeat the same start-up points
/// in every process). The key hash is FNV-1a over UTF-8, stable across processes and .NET versions.
/// </summary>
internal static class TrialRandom
{
    /// <summary>A generator for trial <paramref name="trialNumber"/>'s draw of <paramref name="key"/> (one or more parameter names).</summary>
    public static SplitMix64 For(ulong seed, int trialNumber, string key)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        hash = (hash ^ (uint)trialNumber) * 0x100000001B3UL;
        // One SplitMix64 step decorrelates seeds that differ in few bits.
        return new SplitMix64(new SplitMix64(seed ^ hash).NextUInt64());
    }
}
