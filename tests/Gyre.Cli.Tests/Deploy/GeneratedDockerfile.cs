using System.Text.Json;

namespace Gyre.Cli.Tests.Deploy;

/// <summary>A generated Dockerfile read as instructions (continuation lines joined, comments dropped).</summary>
public sealed class GeneratedDockerfile
{
    public GeneratedDockerfile(string text)
    {
        var logical = new List<string>();
        var current = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (current.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            logical.Add(current + line);
            current = "";
        }

        Instructions = [.. logical.Select(l => (Keyword: l.Split(' ', 2)[0].ToUpperInvariant(), Arguments: l.Split(' ', 2).ElementAtOrDefault(1) ?? ""))];
    }

    public IReadOnlyList<(string Keyword, string Arguments)> Instructions { get; }

    /// <summary>The arguments of every instruction with <paramref name="keyword"/>.</summary>
    public List<string> All(string keyword) => [.. Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments)];

    /// <summary>The arguments of the one instruction with <paramref name="keyword"/>.</summary>
    public string One(string keyword) => Assert.Single(All(keyword));

    /// <summary>The ENTRYPOINT's exec form.</summary>
    public string[] Entrypoint => JsonSerializer.Deserialize<string[]>(One("ENTRYPOINT"))!;

    /// <summary>The value following <paramref name="flag"/> in the ENTRYPOINT.</summary>
    public string EntrypointFlag(string flag)
    {
        var args = Entrypoint;
        var index = Array.IndexOf(args, flag);
        Assert.True(index >= 0 && index + 1 < args.Length, $"ENTRYPOINT has no {flag} value: {string.Join(' ', args)}");
        return args[index + 1];
    }
}
