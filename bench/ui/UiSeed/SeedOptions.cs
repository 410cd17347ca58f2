using System.Globalization;

namespace UiSeed;

/// <summary>The seeder's command line: <c>--db PATH --alerts PATH --out PATH [--runs N] [--points N]</c>.</summary>
internal sealed record SeedOptions(string Database, string AlertsPath, string Out, int Runs, int Points)
{
    public static SeedOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"ui-seed: expected --name value pairs, got '{args[i]}'");
            }

            values[args[i]] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"ui-seed: {name} is required");
        int Count(string name, int fallback) => values.TryGetValue(name, out var v)
            ? int.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture) is > 0 and var n ? n : throw new ArgumentException($"ui-seed: {name} must be positive")
            : fallback;
        return new SeedOptions(Required("--db"), Required("--alerts"), Required("--out"), Count("--runs", 100_000), Count("--points", 1_000_000));
    }
}
