using System.Globalization;

namespace Gyre.Serving.Protocols;

/// <summary>Request ids the server makes when the caller gave none: a per-process random prefix and a counter. Thread-safe.</summary>
public static class RequestIds
{
    /// <summary>The longest request id accepted from a caller (longer ones are replaced).</summary>
    public const int MaxLength = 128;

    private static readonly string Prefix = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 6));
    private static long s_counter;

    public static string Next()
    {
        var value = Interlocked.Increment(ref s_counter);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{value:x}");
    }

    /// <summary>True when <paramref name="id"/> is usable as given (non-empty, at most <see cref="MaxLength"/>, printable ASCII).</summary>
    public static bool IsAcceptable([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
