namespace Gyre.Server.Tests.Ui;

/// <summary>
/// The web UI in a real browser (playwright-core driving Debian's Chromium headless), one script per page or flow
/// against a seeded workspace: each checks real content, keyboard basics and labels, and saves screenshots at
/// 1280x800 and 1920x1080 (see <see cref="BrowserScript"/>). With GYRE_UPDATE_SCREENSHOTS=1 some are copied to
/// docs/images/ui-*.png for the README.
/// </summary>
public sealed class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ExperimentsPage_ListsExperiments_AndKeyboardReachesTheNav() => await BrowserScript.RunAsync("experiments", fixture);

    [Fact]
    public async Task RunsPage_PagesFiltersSortsAndChoosesColumns()
    {
        await BrowserScript.RunAsync("runs", fixture);
        BrowserScript.PublishScreenshot("runs-1280x800.png", "ui-runs.png");
    }

    [Fact]
    public async Task RunPage_ShowsParamsMetricsChartInputsAndPreviewsArtifacts()
    {
        await BrowserScript.RunAsync("run", fixture);
        BrowserScript.PublishScreenshot("run-charts-1280x800.png", "ui-run.png");
    }

    [Fact]
    public async Task ComparePage_HighlightsDifferencesAndDrawsParallelCoordinates()
    {
        await BrowserScript.RunAsync("compare", fixture);
        BrowserScript.PublishScreenshot("compare-1280x800.png", "ui-compare.png");
    }

    [Fact]
    public async Task StudiesPages_ShowHistoryImportanceAndTrials() => await BrowserScript.RunAsync("studies", fixture);

    [Fact]
    public async Task ModelPage_MovesAnAlias_AndTheAuditHistoryShowsIt()
    {
        await BrowserScript.RunAsync("models", fixture);
        BrowserScript.PublishScreenshot("model-1280x800.png", "ui-model.png");
    }

    [Fact]
    public async Task DeploymentsPage_ShowsPrimaryAndCanaryVariants() => await BrowserScript.RunAsync("deployments", fixture);

    [Fact]
    public async Task MonitoringPage_ShowsDriftAndPerformanceChartsAndAlerts() => await BrowserScript.RunAsync("monitoring", fixture);
}
