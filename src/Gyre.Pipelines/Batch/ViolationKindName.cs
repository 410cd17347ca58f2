using System.Text.Json;
using Gyre.Training.Scoring;

namespace Gyre.Pipelines.Batch;

/// <summary>How a violation kind is written in rejects files and JSON reports: snake case ("wrong_type").</summary>
public static class ViolationKindName
{
    public static string Of(ViolationKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());
}
