namespace Gyre.Server.Tests.Ui;

/// <summary>
/// What <see cref="BrowserSeeder"/> put in the workspace, handed to the browser scripts as JSON (camelCase) so they
/// check the pages against known facts rather than against what the pages happen to show.
/// </summary>
/// <param name="ExperimentId">The main experiment ("ui-demo"): <paramref name="RunCount"/> runs.</param>
/// <param name="ExperimentName">Its name.</param>
/// <param name="OtherExperimentId">A second, small experiment ("ui-other").</param>
/// <param name="OtherExperimentName">Its name.</param>
/// <param name="RunCount">Runs in the main experiment (more than one page of 50).</param>
/// <param name="RunsWithAccAbove09">How many of them have <c>metrics.acc &gt; 0.9</c>.</param>
/// <param name="DetailRunId">The newest run: <paramref name="LongMetricKey"/> has <paramref name="LongMetricPoints"/> steps; it holds the artifacts.</param>
/// <param name="DetailRunName">Its run name.</param>
/// <param name="LongMetricKey">The metric with a long history on the detail run.</param>
/// <param name="LongMetricPoints">How many steps it has.</param>
/// <param name="TextArtifactPath">A text artifact of the detail run.</param>
/// <param name="TextArtifactContent">Its whole content.</param>
/// <param name="JsonArtifactFolder">The folder holding <paramref name="JsonArtifactPath"/>.</param>
/// <param name="JsonArtifactPath">A JSON artifact (written compact on one line; a preview pretty-prints it).</param>
/// <param name="JsonArtifactKey">A key of that JSON object.</param>
/// <param name="ImageArtifactPath">A PNG artifact (8x8 pixels).</param>
/// <param name="DatasetName">The dataset input every run of the main experiment has.</param>
/// <param name="DatasetDigest">Its digest.</param>
/// <param name="CompareRunIds">Three runs to compare: params lr, depth and optimizer differ, dataset is the same.</param>
/// <param name="DifferingParams">Params whose values differ between the compared runs.</param>
/// <param name="SameParams">Params equal in all compared runs.</param>
/// <param name="StudyName">A minimizing study with <paramref name="StudyTrials"/> trials over params x and y.</param>
/// <param name="StudyTrials">Its trial count.</param>
/// <param name="StudyBestValue">Its best (lowest) complete trial value.</param>
/// <param name="ModelName">A registered model with versions 1-3.</param>
/// <param name="ModelVersions">Its version count.</param>
/// <param name="Aliases">Its aliases at seeding: alias → version.</param>
/// <param name="Endpoints">Endpoints in the inference log, each with a primary and a canary variant.</param>
/// <param name="AlertRules">Rules of the events in the alert events file (one firing, one resolved).</param>
/// <param name="MonitoredFeatures">Columns with a <c>feature_drift.COLUMN</c> metric in the monitoring runs.</param>
/// <param name="ReadToken">With auth on: a read-only API token; else empty.</param>
/// <param name="WriteToken">With auth on: a token that may write; else empty.</param>
public sealed record BrowserSeed(
    string ExperimentId,
    string ExperimentName,
    string OtherExperimentId,
    string OtherExperimentName,
    int RunCount,
    int RunsWithAccAbove09,
    string DetailRunId,
    string DetailRunName,
    string LongMetricKey,
    int LongMetricPoints,
    string TextArtifactPath,
    string TextArtifactContent,
    string JsonArtifactFolder,
    string JsonArtifactPath,
    string JsonArtifactKey,
    string ImageArtifactPath,
    string DatasetName,
    string DatasetDigest,
    IReadOnlyList<string> CompareRunIds,
    IReadOnlyList<string> DifferingParams,
    IReadOnlyList<string> SameParams,
    string StudyName,
    int StudyTrials,
    double StudyBestValue,
    string ModelName,
    int ModelVersions,
    IReadOnlyDictionary<string, int> Aliases,
    IReadOnlyList<string> Endpoints,
    IReadOnlyList<string> AlertRules,
    IReadOnlyList<string> MonitoredFeatures,
    string ReadToken = "",
    string WriteToken = "");
