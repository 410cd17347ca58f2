using System.Globalization;

namespace Gyre.Tuning;

/// <summary>The one wording every storage uses for trials failed by the heartbeat check.</summary>
public static class StaleTrials
{
    /// <summary>Error message of a Running trial whose worker stopped sending heartbeats.</summary>
    public static string ErrorMessage(TimeSpan gracePeriod) =>
        string.Create(CultureInfo.InvariantCulture, $"No heartbeat for {gracePeriod.TotalSeconds:0.#} s: the worker running this trial stopped (crashed or killed).");
}
