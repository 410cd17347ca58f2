using System.Globalization;
using Gyre.Core;

namespace Gyre.Monitoring.InferenceLog;

/// <summary>
/// How an <see cref="InferenceLogWriter"/> queues and writes. <see cref="Capacity"/>: records the queue holds
/// (beyond it they are dropped); <see cref="MaxBatchSize"/>: records per store call; <see cref="FlushInterval"/>:
/// the longest a queued record waits for its batch to fill before it is written anyway; <see cref="MaxAttempts"/>:
/// store calls per batch before it is given up (failed); <see cref="RetryDelay"/>: the wait before the first retry,
/// doubled before each next one (until it reaches a minute); <see cref="DisposeTimeout"/>: how long disposing waits
/// for queued records to be written.
/// </summary>
public sealed record InferenceLogWriterOptions
{
    public int Capacity { get; init; } = 10_000;

    public int MaxBatchSize { get; init; } = 500;

    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public int MaxAttempts { get; init; } = 4;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan DisposeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws InvalidInput naming the first option out of range.</summary>
    public void Validate()
    {
        Require(Capacity >= 1, nameof(Capacity), Capacity, "at least 1");
        Require(MaxBatchSize >= 1, nameof(MaxBatchSize), MaxBatchSize, "at least 1");
        Require(FlushInterval > TimeSpan.Zero, nameof(FlushInterval), FlushInterval, "positive");
        Require(MaxAttempts >= 1, nameof(MaxAttempts), MaxAttempts, "at least 1");
        Require(RetryDelay >= TimeSpan.Zero, nameof(RetryDelay), RetryDelay, "zero or positive");
        Require(DisposeTimeout >= TimeSpan.Zero, nameof(DisposeTimeout), DisposeTimeout, "zero or positive");
    }

    private static void Require(bool valid, string option, object value, string expected)
    {
        if (!valid)
        {
            throw GyreException.InvalidInput(
                string.Create(CultureInfo.InvariantCulture, $"Invalid value {value} for inference log option '{option}': it must be {expected}."));
        }
    }
}
