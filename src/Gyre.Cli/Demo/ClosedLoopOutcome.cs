namespace Gyre.Cli.Demo;

/// <summary>
/// What the closed loop did: the traffic (every scored row, requests sent and failed), the champion's version before
/// and after, when (seconds from the start of traffic) the alert fired, the retraining started and ended and the server
/// first answered with the new version, and the retraining pipeline's run.
/// </summary>
public sealed record ClosedLoopOutcome(
    DemoTraffic Traffic,
    string ChampionBefore,
    string? ChampionAfter,
    double? AlertSeconds,
    double? SwapSeconds,
    string? PipelineRunId,
    bool PipelineSucceeded,
    string? PipelineError);
