namespace UiSeed;

/// <summary>What the benchmark opens: the big experiment, the run with the long metric, runs to compare, the study and the model.</summary>
internal sealed record SeedFacts(
    string ExperimentId, int Runs, string LongRunId, int LongPoints, IReadOnlyList<string> CompareRunIds, string StudyName, string ModelName);
