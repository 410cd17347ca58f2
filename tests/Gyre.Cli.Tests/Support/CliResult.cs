using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gyre.Cli.Tests.Support;

/// <summary>What one `gyre` invocation did: its exit code and everything it wrote to stdout and stderr.</summary>
public sealed record CliResult(IReadOnlyList<string> Args, int ExitCode, string Out, string Error)
{
    /// <summary>Asserts the exit code, showing the command and both streams when it differs.</summary>
    public void AssertExit(int expected)
    {
        if (ExitCode != expected)
        {
            Assert.Fail($"gyre {string.Join(' ', Args)} exited {ExitCode}, expected {expected}.\nstdout:\n{Out}\nstderr:\n{Error}");
        }
    }

    /// <summary>Stdout parsed as one JSON document (what --json promises).</summary>
    public JsonNode Json()
    {
        try
        {
            return JsonNode.Parse(Out) ?? throw new JsonException("stdout is the JSON literal null.");
        }
        catch (JsonException ex)
        {
            Assert.Fail($"stdout of gyre {string.Join(' ', Args)} is not one JSON document ({ex.Message}).\nstdout:\n{Out}\nstderr:\n{Error}");
            throw;
        }
    }
}
