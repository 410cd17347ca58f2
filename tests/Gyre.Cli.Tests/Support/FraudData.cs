namespace Gyre.Cli.Tests.Support;

/// <summary>Small synthetic card-fraud files written through `gyre data synth`, sized so a training takes about a second.</summary>
public static class FraudData
{
    public const string Label = "is_fraud";

    public const int Rows = 3000;

    /// <summary>Writes <paramref name="rows"/> fraud rows to <paramref name="name"/> in the CLI's working folder; returns the full path.</summary>
    public static async Task<string> SynthAsync(CliRunner cli, string name, int rows = Rows, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(cli);
        await cli.RunOkAsync("data", "synth", "fraud", "--rows", rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", name);
        return Path.Combine(cli.WorkingDirectory, name);
    }

    /// <summary>Replaces field <paramref name="column"/> of data line <paramref name="line"/> (1-based, header = line 1).</summary>
    public static void SetField(string path, int line, int column, string value)
    {
        var lines = File.ReadAllLines(path);
        var fields = lines[line - 1].Split(',');
        fields[column] = value;
        lines[line - 1] = string.Join(',', fields);
        File.WriteAllLines(path, lines);
    }

    /// <summary>The 0-based index of <paramref name="name"/> in the file's header.</summary>
    public static int ColumnIndex(string path, string name) =>
        Array.IndexOf(File.ReadLines(path).First().Split(','), name) is var index and >= 0
            ? index
            : throw new ArgumentException($"No column '{name}' in {path}.", nameof(name));
}
