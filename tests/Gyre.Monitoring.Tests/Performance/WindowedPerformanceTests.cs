using Gyre.Core;
using Gyre.Monitoring.Performance;

namespace Gyre.Monitoring.Tests.Performance;

public sealed class WindowedPerformanceTests
{
    private const long Hour = 3_600_000;

    // Base time 1 700 000 000 000 ms is 472 222 h + 800 s, so the first window starts at 472 222 h.
    private const long Base = 1_700_000_000_000;

    private static List<ClassificationOutcome> Outcomes() =>
    [
        new(Base, "1", "1", 0.9, "f"),
        new(Base + 1000, "0", "1", 0.3, "m"),
        new(Base + 2000, "1", null, 0.8, "m"),

        // Nothing in the next hour: that window is omitted.
        new(Base + (2 * Hour), "0", "0", 0.1, "f"),
        new(Base + (2 * Hour) + 5, "1", "0", 0.6, null),
    ];

    [Fact]
    public void ByTime_AlignedWindows_CountsRowsAndOmitsEmptyWindows()
    {
        var windows = WindowedPerformance.ByTime(Outcomes(), Hour, "1");

        Assert.Equal(2, windows.Count);
        var firstStart = Base - (Base % Hour);
        Assert.Equal(firstStart, windows[0].Start);
        Assert.Equal(firstStart + Hour, windows[0].End);
        Assert.Equal(firstStart + (2 * Hour), windows[1].Start);
        Assert.Equal((3, 2), (windows[0].Rows, windows[0].LabeledRows));
        Assert.Equal((2, 2), (windows[1].Rows, windows[1].LabeledRows));
        Assert.Equal(0.5, windows[0].Realized["accuracy"]);
        Assert.Equal(0.5, windows[0].Realized["recall"]);
        Assert.Null(windows[0].Estimated);
        Assert.Null(windows[0].Segment);
    }

    [Fact]
    public void ByTime_NegativeTimes_AlignToFloor()
    {
        var windows = WindowedPerformance.ByTime([new ClassificationOutcome(-1, "a", "a", null)], 1000);

        Assert.Equal(-1000, windows[0].Start);
        Assert.Equal(0, windows[0].End);
    }

    [Fact]
    public void ByCount_PartialLastWindow_KeptInTimeOrder()
    {
        var shuffled = Outcomes().AsEnumerable().Reverse().ToList();

        var windows = WindowedPerformance.ByCount(shuffled, 2, "1");

        Assert.Equal([2, 2, 1], windows.Select(w => w.Rows));
        Assert.Equal(Base, windows[0].Start);
        Assert.Equal(Base + 1001, windows[0].End);
        Assert.Equal(Base + (2 * Hour) + 5, windows[2].Start);
    }

    [Fact]
    public void BySegment_SkipsRowsWithoutSegment_AndTagsWindows()
    {
        var segments = WindowedPerformance.BySegment(Outcomes(), Hour, "1");

        Assert.Equal(["f", "m"], segments.Keys);
        Assert.Equal(2, segments["f"].Count);
        Assert.All(segments["f"], w => Assert.Equal("f", w.Segment));
        Assert.Single(segments["m"]);
        Assert.Equal((2, 1), (segments["m"][0].Rows, segments["m"][0].LabeledRows));
        Assert.Equal(0.0, segments["m"][0].Realized["accuracy"]);
    }

    [Fact]
    public void ByTime_WithCbpe_FillsEstimatedFromScoredRows()
    {
        var cbpe = Cbpe.Fit([0.1, 0.3, 0.6, 0.9], [false, false, true, true]);

        var windows = WindowedPerformance.ByTime(Outcomes(), Hour, "1", cbpe);

        var expected = cbpe.Estimate([0.9, 0.3, 0.8]);
        Assert.NotNull(windows[0].Estimated);
        Assert.Equal(expected["accuracy"], windows[0].Estimated!["accuracy"]);
        Assert.Equal(expected.Keys.Order(), windows[0].Estimated!.Keys.Order());
    }

    [Fact]
    public void ByTime_Regression_ComputesMaeAndCounts()
    {
        RegressionOutcome[] outcomes =
        [
            new(0, 1.0, 2.0, "a"),
            new(10, 3.0, 1.0, "b"),
            new(20, 5.0, null, "a"),
            new(150, 4.0, 4.5, "a"),
        ];

        var windows = WindowedPerformance.ByTime(outcomes, 100);
        var segments = WindowedPerformance.BySegment(outcomes, 100);

        Assert.Equal(2, windows.Count);
        Assert.Equal((3, 2), (windows[0].Rows, windows[0].LabeledRows));
        Assert.Equal(1.5, windows[0].Realized["mae"]);
        Assert.Equal(0.5, windows[1].Realized["mae"]);
        Assert.Equal(["a", "b"], segments.Keys);
        Assert.Equal(1.0, segments["a"][0].Realized["mae"]);
        Assert.Equal([3, 1], WindowedPerformance.ByCount(outcomes, 3).Select(w => w.Rows));
    }

    [Fact]
    public void ByTime_NonPositiveWidth_ThrowsNamingParameter()
    {
        var error = Assert.Throws<GyreException>(() => WindowedPerformance.ByTime(Outcomes(), 0));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("windowMs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ByCount_NonPositiveSize_ThrowsNamingParameter()
    {
        var error = Assert.Throws<GyreException>(() => WindowedPerformance.ByCount(Outcomes(), 0));

        Assert.Contains("rowsPerWindow", error.Message, StringComparison.Ordinal);
    }
}
