using Gyre.Core;
using Gyre.Serving.Models;
using Gyre.Training.Scoring;

namespace Gyre.Serving.Endpoints;

/// <summary>
/// How one endpoint serves: its <see cref="Name"/> (the URL segment), its <see cref="Primary"/> model, an optional
/// <see cref="Canary"/> answering a share <see cref="CanaryWeight"/> (0–1) of requests, an optional
/// <see cref="Shadow"/> that scores a copy of every request off the response path, what to do with unknown
/// categories, and the share of predictions written to the inference log (<see cref="LogSampleRate"/>, 0–1).
/// </summary>
public sealed record EndpointSpec(string Name, ModelLocator Primary)
{
    public ModelLocator? Canary { get; init; }

    public double CanaryWeight { get; init; }

    public ModelLocator? Shadow { get; init; }

    public UnknownCategoryPolicy UnknownCategories { get; init; } = UnknownCategoryPolicy.Reject;

    public double LogSampleRate { get; init; } = 1.0;

    /// <summary>Adaptive micro-batching: rows of concurrent single-row requests scored together, up to this many (1 = off).</summary>
    public int MaxBatchSize { get; init; } = 1;

    /// <summary>The longest a row waits for its micro-batch to fill.</summary>
    public TimeSpan MaxBatchWait { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>InvalidInput naming the endpoint and the setting at fault.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw GyreException.InvalidInput($"Invalid endpoint name '{Name}': use letters, digits, '-', '_' and '.'.");
        }

        ArgumentNullException.ThrowIfNull(Primary);
        if (double.IsNaN(CanaryWeight) || CanaryWeight < 0 || CanaryWeight > 1)
        {
            throw GyreException.InvalidInput($"Endpoint '{Name}': canary weight {CanaryWeight} must be between 0 and 1.");
        }

        if (CanaryWeight > 0 && Canary is null)
        {
            throw GyreException.InvalidInput($"Endpoint '{Name}': a canary weight needs a canary model.");
        }

        if (MaxBatchSize is < 1 or > 10_000 || MaxBatchWait < TimeSpan.Zero || MaxBatchWait > TimeSpan.FromSeconds(10))
        {
            throw GyreException.InvalidInput($"Endpoint '{Name}': max batch size {MaxBatchSize} must be 1-10000 (1 = off) and max batch wait 0-10 s.");
        }

        if (double.IsNaN(LogSampleRate) || LogSampleRate < 0 || LogSampleRate > 1)
        {
            throw GyreException.InvalidInput($"Endpoint '{Name}': log sample rate {LogSampleRate} must be between 0 and 1.");
        }
    }
}
