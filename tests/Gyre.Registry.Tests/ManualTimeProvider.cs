namespace Gyre.Registry.Tests;

/// <summary>A clock that only moves when a test moves it. Thread-safe.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);

    public long NowMilliseconds => GetUtcNow().ToUnixTimeMilliseconds();
}
