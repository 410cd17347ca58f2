using Gyre.Tracking;
using Gyre.Tracking.Tests;

namespace Gyre.Client.Tests;

/// <summary>
/// The example of <c>src/Gyre.Client/README.md</c>, compiled and run here: <see cref="TrainAsync"/> is the
/// README's code, and <see cref="Readme_Example_IsTheCodeThisTestRuns"/> keeps the two identical.
/// </summary>
public sealed class ReadmeExampleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Readme_Example_IsTheCodeThisTestRuns()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Gyre.Client", "README.md"));
        var start = readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var example = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        var exampleLines = Lines(example).Where(line => !line.StartsWith("using ", StringComparison.Ordinal)).ToList();
        Assert.Contains(exampleLines, line => line.StartsWith("static async Task TrainAsync(", StringComparison.Ordinal));
        var sourceLines = Lines(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "Gyre.Client.Tests", "ReadmeExampleTests.cs")));

        var found = Enumerable.Range(0, sourceLines.Count - exampleLines.Count + 1)
            .Any(i => sourceLines.Skip(i).Take(exampleLines.Count).SequenceEqual(exampleLines));

        Assert.True(found, "The README example and TrainAsync in ReadmeExampleTests.cs differ; keep them identical.");
    }

    [Fact]
    public async Task TrainAsync_TrackingUriFromTheEnvironment_LogsTheWholeRun()
    {
        using var folder = new TemporaryFolder();
        var previous = Environment.GetEnvironmentVariable(TrackingClient.TrackingUriVariable);

        // Only this test reads the process environment in this assembly; every other test passes its URI.
        Environment.SetEnvironmentVariable(TrackingClient.TrackingUriVariable, folder.Combine("workspace"));
        try
        {
            await TrainAsync(folder.Combine("model.zip"), Ct);
        }
        finally
        {
            Environment.SetEnvironmentVariable(TrackingClient.TrackingUriVariable, previous);
        }

        await using var client = await TrackingClient.ConnectAsync(folder.Combine("workspace"), cancellationToken: Ct);
        var experiment = await client.Store.FindExperimentByNameAsync("fraud-detection", Ct);
        var run = Assert.Single((await client.Store.SearchRunsAsync([experiment!.Id], ViewType.All, 10, null, Ct)).Items);
        Assert.Equal(("lightgbm-baseline", RunStatus.Finished), (run.Info.RunName, run.Info.Status));
        Assert.Equal(
            [new Param("learning_rate", "0.05"), new Param("num_leaves", "31"), new Param("trainer", "lightgbm")],
            run.Data.Params.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Contains(new Tag("dataset", "fraud-2024-06"), run.Data.Tags);
        Assert.Equal(Enumerable.Range(0, 10).Select(e => 1.0 / (e + 1)), (await client.Store.GetMetricHistoryAsync(run.Info.RunId, "loss", Ct)).Select(m => m.Value));
        Assert.Equal([new ArtifactInfo("model/model.zip", false, 11)], await client.Artifacts.ListArtifactsAsync(run.Info.ExperimentId, run.Info.RunId, "model", Ct));
    }

    // ---- The README example, verbatim (without its using directives). ----
    static async Task TrainAsync(string modelPath, CancellationToken cancellationToken)
    {
        await using var client = await TrackingClient.FromEnvironmentAsync(cancellationToken: cancellationToken);
        await using var run = await client.StartRunAsync("fraud-detection", "lightgbm-baseline", cancellationToken: cancellationToken);
        try
        {
            run.LogParam("learning_rate", 0.05);
            run.LogParams(new Dictionary<string, string> { ["trainer"] = "lightgbm", ["num_leaves"] = "31" });
            run.SetTag("dataset", "fraud-2024-06");

            for (var epoch = 0; epoch < 10; epoch++)
            {
                var loss = 1.0 / (epoch + 1); // your training step here
                run.LogMetric("loss", loss, step: epoch);
            }

            await File.WriteAllTextAsync(modelPath, "model bytes", cancellationToken);
            await run.LogArtifactAsync(modelPath, "model", cancellationToken);
        }
        catch (Exception)
        {
            await run.EndAsync(RunStatus.Failed, cancellationToken);
            throw;
        }

        // Leaving the scope sends whatever is still queued and ends the run FINISHED.
    }

    private static List<string> Lines(string text) =>
        [.. text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gyre.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (with Gyre.slnx) not found above the test binaries.");
    }
}
