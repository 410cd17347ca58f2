using System.Globalization;

namespace Gyre.Server.Tests.Support;

/// <summary>A thread-safe stdout that completes <see cref="Line"/> with the first line containing a marker.</summary>
internal sealed class SignallingWriter(string marker) : StringWriter(CultureInfo.InvariantCulture)
{
    private readonly TaskCompletionSource<string> line = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();

    public Task<string> Line => line.Task;

    public override void Write(char value)
    {
        lock (gate)
        {
            base.Write(value);
        }
    }

    public override void Write(string? value)
    {
        lock (gate)
        {
            base.Write(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (gate)
        {
            base.WriteLine(value);
        }

        if (value is not null && value.Contains(marker, StringComparison.Ordinal))
        {
            line.TrySetResult(value);
        }
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override string ToString()
    {
        lock (gate)
        {
            return base.ToString();
        }
    }
}
