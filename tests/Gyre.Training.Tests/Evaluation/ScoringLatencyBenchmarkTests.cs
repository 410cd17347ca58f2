using Gyre.Training.Evaluation;
using Gyre.Training.Packaging;
using Gyre.Training.Tests.Support;

namespace Gyre.Training.Tests.Evaluation;

public sealed class ScoringLatencyBenchmarkTests
{
    [Fact]
    public async Task Measure_FewCalls_ReportsOrderedPercentilesAndCallCounts()
    {
        using var temp = new TempDirectory();
        var package = await ModelPackage.SaveAsync(TrainedModels.IrisMulticlass.Model, Path.Combine(temp.Path, "model"), new PackageSaveOptions(), TestContext.Current.CancellationToken);

        var latency = ScoringLatencyBenchmark.Measure(package, TestTables.Iris(), warmupCalls: 5, timedCalls: 40, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(5, latency.WarmupCalls);
        Assert.Equal(40, latency.TimedCalls);
        Assert.True(latency.P50Ms > 0);
        Assert.True(latency.P50Ms <= latency.P95Ms && latency.P95Ms <= latency.MaxMs);
    }

    [Fact]
    public async Task Measure_NoRows_ThrowsInvalidInput()
    {
        using var temp = new TempDirectory();
        var package = await ModelPackage.SaveAsync(TrainedModels.IrisMulticlass.Model, Path.Combine(temp.Path, "model"), new PackageSaveOptions(), TestContext.Current.CancellationToken);
        var empty = TestTables.Iris().Take([]);

        var error = Assert.Throws<Gyre.Core.GyreException>(() => ScoringLatencyBenchmark.Measure(package, empty, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(Gyre.Core.ErrorKind.InvalidInput, error.Kind);
    }
}
