using System.Globalization;

namespace Gyre.Bench.Monitoring;

/// <summary>This process's resident memory from /proc/self/status (Linux), in MB (1 MB = 1024 KiB).</summary>
internal static class ProcessMemory
{
    /// <summary>Peak resident set size so far (VmHWM).</summary>
    public static double PeakMb() => Read("VmHWM:");

    /// <summary>Current resident set size (VmRSS).</summary>
    public static double CurrentMb() => Read("VmRSS:");

    private static double Read(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kb = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return Math.Round(long.Parse(kb, CultureInfo.InvariantCulture) / 1024.0, 1);
            }
        }

        throw new InvalidOperationException($"/proc/self/status has no {field} line.");
    }
}
