namespace Gyre.Tuning.Analysis;

/// <summary>The study itself in `gyre study report --json`.</summary>
public sealed record StudyInfoView(string Name, string Direction, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string> UserAttrs);
